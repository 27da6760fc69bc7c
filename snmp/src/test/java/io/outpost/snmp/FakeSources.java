package io.outpost.snmp;

import io.outpost.snmp.source.AddressRow;
import io.outpost.snmp.source.BgpPathRow;
import io.outpost.snmp.source.BgpPeerRow;
import io.outpost.snmp.source.BgpSource;
import io.outpost.snmp.source.EntitySource;
import io.outpost.snmp.source.InterfaceRow;
import io.outpost.snmp.source.InterfaceSource;
import io.outpost.snmp.source.PhysicalEntity;
import io.outpost.snmp.source.RouteRow;
import io.outpost.snmp.source.RouteSource;
import io.outpost.snmp.source.SensorRow;
import io.outpost.snmp.source.Sources;
import io.outpost.snmp.source.SystemSource;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written state for the agent's tests. It stands in for the control plane, which this
 * module must not import; the daemon's own test (controlplane SnmpIT) checks the tables against
 * the live state of a running appliance. The clients in these tests are real: net-snmp's.
 */
public final class FakeSources {
  public volatile List<InterfaceRow> interfaces = new ArrayList<>();
  public volatile List<BgpPeerRow> peers = List.of();

  static InterfaceRow.Counters counters(long base) {
    return new InterfaceRow.Counters(base * 1_000_000_000L, base * 3, base, 2, 1, 0,
        base * 7_000_000_000L, base * 5, 3, 1, 0, 4);
  }

  /** {@code n} Ethernet interfaces, ifIndex 2 and up, with distinct counters. */
  public static List<InterfaceRow> ethernet(int n) {
    List<InterfaceRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new InterfaceRow(i + 2, "eth" + i, "uplink " + i, 6, 1500, 10_000_000_000L,
          new byte[] {2, 0, 0, 0, (byte) (i >> 8), (byte) i}, true, i % 2 == 0 ? 1 : 2, 0,
          counters(i + 1)));
    }
    return rows;
  }

  public Sources sources() {
    InterfaceSource ifs = new InterfaceSource() {
      @Override
      public List<InterfaceRow> interfaces() {
        return interfaces;
      }

      @Override
      public List<AddressRow> addresses() {
        return List.of(new AddressRow(2, ip("192.0.2.1"), 24),
            new AddressRow(2, ip("2001:db8::1"), 64));
      }
    };
    RouteSource routes = new RouteSource() {
      @Override
      public Routes routes(int limit) {
        return new Routes(3, List.of(new RouteRow(ip("0.0.0.0"), 0, ip("192.0.2.254"), 2, 4, 3, 10, 0, 1),
            new RouteRow(ip("192.0.2.0"), 24, null, 2, 3, 2, 10, 0, -1),
            new RouteRow(ip("2001:db8::"), 64, null, 2, 3, 2, 10, 0, -1)).subList(0,
            Math.min(3, limit)));
      }
    };
    BgpSource bgp = new BgpSource() {
      @Override
      public long localAs() {
        return 4_200_000_000L;
      }

      @Override
      public String routerId() {
        return "192.0.2.1";
      }

      @Override
      public List<BgpPeerRow> peers() {
        return peers;
      }

      @Override
      public List<BgpPathRow> paths(int limit) {
        Inet4Address prefix = (Inet4Address) ip("198.51.100.0");
        return List.of(new BgpPathRow(prefix, 24, (Inet4Address) ip("192.0.2.9"), 0,
            new int[] {2, 2, 65001, (int) 4_200_000_000L}, ip("192.0.2.9"), 10, -1, false, -1,
            0, true, new byte[0]), new BgpPathRow(prefix, 24, (Inet4Address) ip("192.0.2.10"),
            2, new int[] {2, 1, 65002}, ip("192.0.2.10"), -1, 200, true, 65002, 0x0a000001,
            false, new byte[0])).subList(0, Math.min(2, limit));
      }
    };
    EntitySource entities = new EntitySource() {
      @Override
      public List<PhysicalEntity> entities() {
        return List.of(new PhysicalEntity(1, "Lab chassis", 0, 3, -1, "chassis", "", "0.1",
            "SN1", "Outpost", "lab", false),
            new PhysicalEntity(2, "CPU temperature", 1, 8, 1, "cpu-temp", "", "", "", "", "",
            false));
      }

      @Override
      public List<SensorRow> sensors() {
        return List.of(new SensorRow(2, 8, 9, 1, 455, 1, "C", 100, 10_000));
      }
    };
    return new Sources(new SystemSource() {
      @Override
      public String description() {
        return "Outpost test agent";
      }

      @Override
      public String name() {
        return "lab-1";
      }
    }, ifs, routes, bgp, entities);
  }

  public static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(s, e);
    }
  }
}
