package io.outpost.controlplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  private static List<String> errors(ConfigTree t) {
    return ConfigValidator.validate(t).stream().map(ConfigError::describe).toList();
  }

  @Test
  void theSampleIsValid() throws Exception {
    assertEquals(List.of(), errors(Configs.sample()));
  }

  @Test
  void aRouteNeedsADestination() throws Exception {
    ConfigTree t = Configs.set(Configs.empty(), "routing static route 10.0.0.0/8 distance 5");
    assertEquals(List.of("routing static route 10.0.0.0/8: needs one of next-hop, interface, blackhole, reject"),
        errors(t));
  }

  @Test
  void leafrefsMustPointAtConfiguredData() throws Exception {
    ConfigTree t = Configs.set(Configs.sample(), "routing static route 10.0.0.0/8 interface eth9");
    t = Configs.set(t, "routing static route 10.1.0.0/16 next-hop 192.0.2.9 interface eth7");
    assertEquals(List.of(
        "routing static route 10.0.0.0/8 interface: \"eth9\" does not exist: it must name a configured"
            + " interfaces interface (/oif:interfaces/oif:interface/oif:name)",
        "routing static route 10.1.0.0/16 next-hop 192.0.2.9 interface: \"eth7\" does not exist: it must name"
            + " a configured interfaces interface (/oif:interfaces/oif:interface/oif:name)"), errors(t));
  }
}
