package io.outpost.dataplane.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.dataplane.kernel.NetworkNamespaceThread;
import io.outpost.dataplane.kernel.RtNetlink;
import io.outpost.dataplane.pipeline.DropReason;
import io.outpost.dataplane.pipeline.WorkerCounters;
import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.port.afpacket.AfPacketDriver;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.tap.PortTakeover;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real traffic through the data plane: three network namespaces, h1 — r — h2, joined by veth
 * pairs. Inside r, Outpost's data plane takes over eth0 and eth1 (AF_PACKET rings) and puts TAP
 * mirrors in their place; the kernel of r does not forward (ip_forward stays 0). The hosts'
 * own kernels ping, ping6 and traceroute across r, and ping r itself through the mirrors.
 */
@Tag("lab")
class ForwardingLabTest {
  private static Lab lab;
  private static Host h1;
  private static Host r;
  private static Host h2;
  private static Dataplane dataplane;

  @BeforeAll
  static void topology() throws Exception {
    lab = Lab.create("dpfw");
    h1 = lab.host("h1");
    r = lab.host("r");
    h2 = lab.host("h2");
    lab.link(r, "eth0", h1, "eth0");
    lab.link(r, "eth1", h2, "eth0");
    host(h1, "10.0.1.2/24", "10.0.1.1", "2001:db8:1::2/64", "2001:db8:1::1");
    host(h2, "10.0.2.2/24", "10.0.2.1", "2001:db8:2::2/64", "2001:db8:2::1");

    dataplane = NetworkNamespaceThread.call(Path.of("/run/netns", r.netns()), () -> {
      try {
        RtNetlink netlink = RtNetlink.open();
        return Dataplane.start(List.of("eth0", "eth1"), new AfPacketDriver(), 1,
            new PortTakeover(netlink, Path.of("/proc/sys")), PollingIdle::new, 1000);
      } catch (PortException e) {
        throw new IllegalStateException(e);
      }
    });
    // What the interfaces subsystem does in the product: addresses and state on the mirrors.
    r.address("eth0", "10.0.1.1/24").address("eth1", "10.0.2.1/24")
        .address("eth0", "2001:db8:1::1/64").address("eth1", "2001:db8:2::1/64");
    r.execOrThrow("ip", "link", "set", "eth0", "up");
    r.execOrThrow("ip", "link", "set", "eth1", "up");

    long mac0 = dataplane.ports().get(0).mac();
    long mac1 = dataplane.ports().get(1).mac();
    L3Interface if0 = new L3Interface(0, "eth0", 0, 0, mac0, 1500, new int[] {ip(10, 0, 1, 1)},
        new int[] {24}, new long[] {0x2001_0db8_0001_0000L, 1}, new int[] {64});
    L3Interface if1 = new L3Interface(1, "eth1", 1, 0, mac1, 1500, new int[] {ip(10, 0, 2, 1)},
        new int[] {24}, new long[] {0x2001_0db8_0002_0000L, 1}, new int[] {64});
    var gw0 = List.of(FibRoute.Gateway.ipv4(0, 0));
    var gw1 = List.of(FibRoute.Gateway.ipv4(1, 0));
    dataplane.routes().program(List.of(if0, if1), List.of(
        FibRoute.ipv4(ip(10, 0, 1, 0), 24, gw0), FibRoute.ipv4(ip(10, 0, 2, 0), 24, gw1),
        FibRoute.ipv6(0x2001_0db8_0001_0000L, 0, 64, List.of(new FibRoute.Gateway(0, 0, 0))),
        FibRoute.ipv6(0x2001_0db8_0002_0000L, 0, 64, List.of(new FibRoute.Gateway(1, 0, 0)))));
  }

  private static void host(Host h, String v4, String gw4, String v6, String gw6) {
    h.address("eth0", v4).address("eth0", v6);
    // veth leaves UDP/TCP checksums for "hardware" to fill in (CHECKSUM_PARTIAL); a frame
    // read from an AF_PACKET ring then carries an incomplete checksum that no NIC will ever
    // complete. Real wires never carry such frames, so the hosts compute their own here.
    h.execOrThrow("ethtool", "-K", "eth0", "tx", "off");
    h.route("default", gw4).route("default", gw6);
  }

  @AfterAll
  static void teardown() {
    if (dataplane != null) {
      dataplane.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void theKernelOfTheRouterDoesNotForward() throws Exception {
    assertEquals("0", r.execOrThrow("cat", "/proc/sys/net/ipv4/ip_forward").stdout().trim());
    assertTrue(r.execOrThrow("ip", "link", "show").stdout().contains("phy-eth0"));
  }

  @Test
  void pingAcrossTheDataPlane() throws Exception {
    String out = h1.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "10.0.2.2").stdout();
    assertTrue(out.contains("3 received"), out);
    WorkerCounters c = dataplane.workers().get(0).counters();
    assertTrue(c.txPackets[1] >= 3, "forwarded out of eth1 by the data plane: " + c.txPackets[1]);
  }

  @Test
  void ping6AcrossTheDataPlane() throws Exception {
    String out = h1.exec("ping", "-6", "-c", "3", "-i", "0.2", "-W", "2", "2001:db8:2::2")
        .stdout();
    assertTrue(out.contains("3 received"), out);
  }

  @Test
  void pingTheRouterItselfThroughItsMirror() throws Exception {
    String out = h1.exec("ping", "-c", "2", "-i", "0.2", "-W", "2", "10.0.1.1").stdout();
    assertTrue(out.contains("2 received"), out);
    out = h2.exec("ping", "-c", "2", "-i", "0.2", "-W", "2", "10.0.1.1").stdout();
    assertTrue(out.contains("2 received"), "the far address too: " + out);
  }

  @Test
  void tracerouteShowsTheRouterHop() throws Exception {
    String out = h1.exec("traceroute", "-n", "-q", "1", "-w", "2", "-m", "4", "10.0.2.2")
        .stdout();
    assertTrue(out.matches("(?s).*\\n\\s*1\\s+10\\.0\\.1\\.1\\s.*\\n\\s*2\\s+10\\.0\\.2\\.2\\s.*"),
        out + drops());
    assertTrue(dataplane.workers().get(0).counters()
        .drops[DropReason.TTL_EXPIRED.ordinal()] >= 1);
  }

  private static String drops() {
    WorkerCounters c = dataplane.workers().get(0).counters();
    StringBuilder b = new StringBuilder("\ndrops:");
    for (DropReason r : DropReason.values()) {
      if (c.drops[r.ordinal()] > 0) {
        b.append(' ').append(r.label()).append('=').append(c.drops[r.ordinal()]);
      }
    }
    return b.append(" icmp-sent=").append(c.icmpErrorsSent).append(" limited=")
        .append(c.icmpErrorsRateLimited).toString();
  }

  static int ip(int a, int b, int c, int d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
  }
}
