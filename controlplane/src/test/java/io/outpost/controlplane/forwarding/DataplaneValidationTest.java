package io.outpost.controlplane.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.OutpostModules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link DataplaneSubsystem#validate} refuses, with the path and the reason. */
class DataplaneValidationTest {
  private final DataplaneSubsystem subsystem = new DataplaneSubsystem(
      new DataplaneService(c -> {
        throw new AssertionError("validation never starts a data plane");
      }));

  private List<String> errors(String interfaces, String dataplane) throws Exception {
    String json = "{\"outpost-interfaces:interfaces\": {\"interface\": [" + interfaces + "]}"
        + (dataplane == null ? "" : ", \"outpost-dataplane:dataplane\": " + dataplane) + "}";
    List<ConfigError> errors = new ArrayList<>();
    subsystem.validate(ConfigJson.read(OutpostModules.schema(), json), errors);
    return errors.stream().map(ConfigError::toString).toList();
  }

  private static final String ETH1 = "{\"name\": \"eth1\"}";

  private static String vlan(String name, String parent, int id) {
    return "{\"name\": \"" + name + "\", \"vlan\": {\"parent\": \"" + parent + "\", \"id\": " + id
        + "}}";
  }

  @Test
  void aVlanOnAPortIsAccepted() throws Exception {
    assertEquals(List.of(), errors(ETH1 + "," + vlan("eth1.100", "eth1", 100),
        "{\"port\": [\"eth1\"]}"));
  }

  @Test
  void aVlanWhoseParentIsNotAPortIsRefusedWithThePath() throws Exception {
    List<String> e = errors(ETH1 + "," + vlan("eth1.100", "eth1", 100), null);
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).startsWith("interfaces interface eth1.100 vlan: ")
        && e.get(0).contains("eth1 is not a data-plane port"), e.get(0));
  }

  @Test
  void theSameVlanTwiceOnAPortIsRefused() throws Exception {
    List<String> e = errors(ETH1 + "," + vlan("eth1.100", "eth1", 100) + ","
        + vlan("guest", "eth1", 100), "{\"port\": [\"eth1\"]}");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).contains("VLAN 100 on eth1 is already eth1.100"), e.get(0));
  }

  @Test
  void aVlanSubInterfaceCannotBeAPortItself() throws Exception {
    List<String> e = errors(ETH1 + "," + vlan("eth1.100", "eth1", 100),
        "{\"port\": [\"eth1\", \"eth1.100\"]}");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).contains("cannot be a data-plane port"), e.get(0));
  }
}
