package io.outpost.controlplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {
  @Test
  void setCreatesAncestorsAndDeletePrunesThem() throws Exception {
    ConfigTree t = Configs.set(Configs.empty(), "system logging level debug");
    assertEquals("set system logging level debug\n", SetFormat.render(t));
    t = Configs.delete(t, "system logging level");
    assertTrue(t.isEmpty(), "empty containers without presence disappear");
  }

  @Test
  void settingOneCaseRemovesTheOthers() throws Exception {
    ConfigTree t = Configs.set(Configs.empty(), "routing static route 10.0.0.0/8 next-hop 192.0.2.1");
    t = Configs.set(t, "routing static route 10.0.0.0/8 next-hop 192.0.2.2");
    t = Configs.set(t, "routing static route 10.0.0.0/8 distance 5");
    t = Configs.set(t, "routing static route 10.0.0.0/8 blackhole");
    assertEquals("""
        set routing static route 10.0.0.0/8 distance 5
        set routing static route 10.0.0.0/8 blackhole
        """, SetFormat.render(t));
  }

  @Test
  void keysCannotBeRenamedInPlace() throws Exception {
    ConfigTree t = Configs.set(Configs.empty(), "interfaces interface eth0 mtu 1500");
    ConfigTree before = t;
    ConfigEditException e = assertThrows(ConfigEditException.class,
        () -> Configs.set(before, "interfaces interface eth0 name eth1"));
    assertTrue(e.getMessage().contains("is the key of interface"), e.getMessage());
    assertSame(t, Configs.set(t, "interfaces interface eth0 name eth0").equals(t) ? t : null);
  }

  @Test
  void deletingWhatIsAbsentChangesNothing() throws Exception {
    ConfigTree t = Configs.sample();
    assertSame(t, Configs.delete(t, "interfaces interface eth99"));
    assertSame(t, Configs.delete(t, "interfaces interface eth2 ipv4 address 10.0.0.1/8"));
  }

  @Test
  void deletingAWholeListWithoutKeys() throws Exception {
    ConfigTree t = Configs.delete(Configs.sample(), "interfaces interface");
    assertFalse(t.contains(new DataPath(List.of(DataPath.Step.of(OutpostModules.schema().root().dataChild("interfaces"))))));
  }

  @Test
  void mergeOverlaysLeavesAndUnitesLists() throws Exception {
    ConfigTree base = Configs.sample();
    ConfigTree overlay = Configs.set(Configs.set(Configs.empty(), "interfaces interface eth2 mtu 1400"),
        "interfaces interface eth3 enabled false");
    ConfigTree merged = base.merge(overlay);
    String set = SetFormat.render(merged);
    assertTrue(set.contains("set interfaces interface eth2 mtu 1400\n"), set);
    assertTrue(set.contains("set interfaces interface eth2 ipv4 address 192.0.2.1/24\n"), set);
    assertTrue(set.contains("set interfaces interface eth3 enabled false\n"), set);
    assertTrue(set.contains("set interfaces interface eth10 enabled false\n"), set);
  }

  @Test
  void editsShareUntouchedSubtrees() throws Exception {
    ConfigTree t = Configs.sample();
    ConfigTree u = Configs.set(t, "system host-name edge2");
    assertSame(t.root().child("interfaces"), u.root().child("interfaces"));
    assertSame(t.root().child("routing"), u.root().child("routing"));
  }
}
