package io.outpost.controlplane.config;

import java.util.List;

/** Test configurations and helpers that build them from CLI words. */
final class Configs {
  static final String SAMPLE = """
      {
        "outpost-system:system": {
          "host-name": "edge1",
          "logging": {
            "syslog-server": [
              {
                "host": "192.0.2.200",
                "transport": "tcp",
                "port": 6514
              }
            ]
          }
        },
        "outpost-interfaces:interfaces": {
          "interface": [
            {
              "name": "eth10",
              "enabled": false
            },
            {
              "name": "eth2",
              "description": "uplink \\"A\\"",
              "mtu": 9000,
              "ipv4": {
                "address": [
                  {
                    "ip": "192.0.2.1/24"
                  }
                ]
              },
              "ipv6": {
                "address": [
                  {
                    "ip": "2001:db8::1/64"
                  }
                ]
              }
            }
          ]
        },
        "outpost-routing:routing": {
          "static": {
            "route": [
              {
                "prefix": "0.0.0.0/0",
                "next-hop": [
                  {
                    "address": "192.0.2.254"
                  }
                ]
              },
              {
                "prefix": "198.51.100.0/24",
                "interface": "eth2"
              },
              {
                "prefix": "203.0.113.0/24",
                "blackhole": [null]
              }
            ]
          }
        }
      }
      """;

  private Configs() {}

  static ConfigTree sample() throws ConfigException {
    return ConfigJson.read(OutpostModules.schema(), SAMPLE);
  }

  static ConfigTree empty() {
    return ConfigTree.empty(OutpostModules.schema());
  }

  /** Applies {@code set ...} words like the CLI does. */
  static ConfigTree set(ConfigTree tree, String words) throws Exception {
    CliPathParser.Result r = CliPathParser.parse(tree, DataPath.ROOT,
        List.of(words.split(" ")), CliPathParser.Purpose.SET);
    return r.applyTo(tree);
  }

  static ConfigTree delete(ConfigTree tree, String words) throws Exception {
    CliPathParser.Result r = CliPathParser.parse(tree, DataPath.ROOT,
        List.of(words.split(" ")), CliPathParser.Purpose.DELETE);
    return tree.delete(r.path());
  }
}
