package io.outpost.controlplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {
  @Test
  void roundTripsAndSortsSystemOrderedLists() throws Exception {
    ConfigTree tree = Configs.sample();
    String written = ConfigJson.writePretty(tree);
    assertEquals(tree, ConfigJson.read(OutpostModules.schema(), written));
    // natural key order: eth2 before eth10; RFC 7951 forms: numbers, [null]
    assertTrue(written.indexOf("\"eth2\"") < written.indexOf("\"eth10\""), written);
    assertTrue(written.contains("\"mtu\": 9000"), written);
    assertTrue(written.contains("\"blackhole\": [null]"), written);
    assertEquals(written, ConfigJson.writePretty(ConfigJson.read(OutpostModules.schema(), written)));
  }

  @Test
  void reportsEveryErrorWithItsPath() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigJson.read(OutpostModules.schema(), """
        {
          "outpost-interfaces:interfaces": {
            "interface": [
              {"name": "eth0", "mtuu": 1500},
              {"name": "eth1", "mtu": 70000},
              {"name": "eth2", "mtu": "1500"},
              {"mtu": 1500},
              {"name": "eth1"}
            ]
          },
          "system": {}
        }
        """));
    List<String> messages = e.errors().stream().map(ConfigError::describe).toList();
    assertEquals(List.of(
        "interfaces interface eth0: unknown member \"mtuu\" (did you mean \"mtu\"?)",
        "interfaces interface eth1 mtu: 70000 is out of range 68..65535",
        "interfaces interface eth2 mtu: uint16 values are JSON numbers (RFC 7951 §6.1), not string",
        "interfaces interface: entry 4 lacks its key \"name\"",
        "interfaces interface eth1: duplicate entry",
        "top-level member \"system\" must be qualified with its module, as \"outpost-system:system\""
            + " (RFC 7951 section 4)"), messages);
    assertEquals("/outpost-interfaces:interfaces/interface[name='eth1']/mtu: 70000 is out of range 68..65535",
        e.errors().get(1).describeInstance());
  }

  @Test
  void refusesTwoCasesOfOneChoice() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigJson.read(OutpostModules.schema(), """
        {"outpost-routing:routing": {"static": {"route": [
          {"prefix": "10.0.0.0/8", "blackhole": [null], "reject": [null]}]}}}
        """));
    assertEquals("routing static route 10.0.0.0/8: \"blackhole\" and \"reject\" exclude each other"
        + " (choice destination)", e.errors().getFirst().describe());
  }

  @Test
  void refusesSyntaxErrorsWithLineAndColumn() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigJson.read(OutpostModules.schema(), "{\n  \"outpost-system:system\": {,}\n}"));
    assertEquals("not valid JSON: line 2, column 29: unexpected ',', expected a member name in double quotes",
        e.getMessage());
  }
}
