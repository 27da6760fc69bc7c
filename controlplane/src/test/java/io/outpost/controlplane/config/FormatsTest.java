package io.outpost.controlplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void curlyFormat() throws Exception {
    assertEquals("""
        system {
            host-name edge1;
            logging {
                syslog-server 192.0.2.200 {
                    port 6514;
                    transport tcp;
                }
            }
        }
        interfaces {
            interface eth2 {
                description "uplink \\"A\\"";
                mtu 9000;
                ipv4 {
                    address 192.0.2.1/24;
                }
                ipv6 {
                    address 2001:db8::1/64;
                }
            }
            interface eth10 {
                enabled false;
            }
        }
        routing {
            static {
                route 0.0.0.0/0 {
                    next-hop 192.0.2.254;
                }
                route 198.51.100.0/24 {
                    interface eth2;
                }
                route 203.0.113.0/24 {
                    blackhole;
                }
            }
        }
        """, CurlyFormat.render(Configs.sample().root()));
  }

  @Test
  void setFormatReadsBackToTheSameTree() throws Exception {
    ConfigTree sample = Configs.sample();
    String set = SetFormat.render(sample);
    assertEquals("""
        set system host-name edge1
        set system logging syslog-server 192.0.2.200 port 6514
        set system logging syslog-server 192.0.2.200 transport tcp
        set interfaces interface eth2 description "uplink \\"A\\""
        set interfaces interface eth2 mtu 9000
        set interfaces interface eth2 ipv4 address 192.0.2.1/24
        set interfaces interface eth2 ipv6 address 2001:db8::1/64
        set interfaces interface eth10 enabled false
        set routing static route 0.0.0.0/0 next-hop 192.0.2.254
        set routing static route 198.51.100.0/24 interface eth2
        set routing static route 203.0.113.0/24 blackhole
        """, set);
    ConfigTree rebuilt = Configs.empty();
    for (String line : set.split("\n")) {
      rebuilt = SetCommands.apply(rebuilt, line);
    }
    assertEquals(sample, rebuilt);
  }

  @Test
  void compareAndCommandDiffs() throws Exception {
    ConfigTree a = Configs.sample();
    ConfigTree b = Configs.set(a, "interfaces interface eth2 mtu 1500");
    b = Configs.delete(b, "interfaces interface eth10");
    b = Configs.set(b, "routing static route 10.0.0.0/8 reject");
    var changes = ConfigDiff.between(a, b);
    assertEquals("""
        [edit interfaces interface eth2]
        -   mtu 9000;
        +   mtu 1500;
        [edit interfaces]
        -   interface eth10 {
        -       enabled false;
        -   }
        [edit routing static]
        +   route 10.0.0.0/8 {
        +       reject;
        +   }
        """, DiffFormat.compare(changes));
    assertEquals(java.util.List.of(
        "set interfaces interface eth2 mtu 1500",
        "delete interfaces interface eth10",
        "set routing static route 10.0.0.0/8 reject"), DiffFormat.commands(changes));
  }
}
