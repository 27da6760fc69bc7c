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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private static final String ID = "dpfw" + ProcessHandle.current().pid() % 100000;
  private static final String H1 = ID + "-h1";
  private static final String R = ID + "-r";
  private static final String H2 = ID + "-h2";
  private static Dataplane dataplane;

  @BeforeAll
  static void topology() throws Exception {
    for (String ns : List.of(H1, R, H2)) {
      sh("ip", "netns", "add", ns);
      sh("ip", "-n", ns, "link", "set", "lo", "up");
    }
    sh("ip", "link", "add", "eth0", "netns", R, "type", "veth", "peer", "name", "eth0", "netns",
        H1);
    sh("ip", "link", "add", "eth1", "netns", R, "type", "veth", "peer", "name", "eth0", "netns",
        H2);
    host(H1, "10.0.1.2/24", "10.0.1.1", "2001:db8:1::2/64", "2001:db8:1::1");
    host(H2, "10.0.2.2/24", "10.0.2.1", "2001:db8:2::2/64", "2001:db8:2::1");
    sh("ip", "-n", R, "link", "set", "eth0", "up");
    sh("ip", "-n", R, "link", "set", "eth1", "up");

    Path ns = Path.of("/run/netns", R);
    dataplane = NetworkNamespaceThread.call(ns, () -> {
      try {
        RtNetlink netlink = RtNetlink.open();
        return Dataplane.start(List.of("eth0", "eth1"), new AfPacketDriver(), 1,
            new io.outpost.dataplane.tap.PortTakeover(netlink, Path.of("/proc/sys")),
            PollingIdle::new, 1000);
      } catch (PortException e) {
        throw new IllegalStateException(e);
      }
    });
    // What the interfaces subsystem does in the product: addresses and state on the mirrors.
    sh("ip", "-n", R, "addr", "add", "10.0.1.1/24", "dev", "eth0");
    sh("ip", "-n", R, "addr", "add", "10.0.2.1/24", "dev", "eth1");
    sh("ip", "-n", R, "addr", "add", "2001:db8:1::1/64", "dev", "eth0", "nodad");
    sh("ip", "-n", R, "addr", "add", "2001:db8:2::1/64", "dev", "eth1", "nodad");
    sh("ip", "-n", R, "link", "set", "eth0", "up");
    sh("ip", "-n", R, "link", "set", "eth1", "up");

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

  private static void host(String ns, String v4, String gw4, String v6, String gw6)
      throws Exception {
    sh("ip", "-n", ns, "addr", "add", v4, "dev", "eth0");
    sh("ip", "-n", ns, "addr", "add", v6, "dev", "eth0", "nodad");
    sh("ip", "-n", ns, "link", "set", "eth0", "up");
    // veth leaves UDP/TCP checksums for "hardware" to fill in (CHECKSUM_PARTIAL); a frame
    // read from an AF_PACKET ring then carries an incomplete checksum that no NIC will ever
    // complete. Real wires never carry such frames, so the hosts compute their own here.
    sh("ip", "netns", "exec", ns, "ethtool", "-K", "eth0", "tx", "off");
    sh("ip", "-n", ns, "route", "add", "default", "via", gw4);
    sh("ip", "-n", ns, "-6", "route", "add", "default", "via", gw6);
  }

  @AfterAll
  static void teardown() throws Exception {
    if (dataplane != null) {
      dataplane.close();
    }
    for (String ns : List.of(H1, R, H2)) {
      run(List.of("ip", "netns", "del", ns));
    }
  }

  @Test
  void theKernelOfTheRouterDoesNotForward() throws Exception {
    assertEquals("0", sh("ip", "netns", "exec", R, "cat", "/proc/sys/net/ipv4/ip_forward").trim());
    assertTrue(sh("ip", "-n", R, "link", "show").contains("phy-eth0"));
  }

  @Test
  void pingAcrossTheDataPlane() throws Exception {
    String out = sh("ip", "netns", "exec", H1, "ping", "-c", "3", "-i", "0.2", "-W", "2",
        "10.0.2.2");
    assertTrue(out.contains("3 received"), out);
    WorkerCounters c = dataplane.workers().get(0).counters();
    assertTrue(c.txPackets[1] >= 3, "forwarded out of eth1 by the data plane: " + c.txPackets[1]);
  }

  @Test
  void ping6AcrossTheDataPlane() throws Exception {
    String out = sh("ip", "netns", "exec", H1, "ping", "-6", "-c", "3", "-i", "0.2", "-W", "2",
        "2001:db8:2::2");
    assertTrue(out.contains("3 received"), out);
  }

  @Test
  void pingTheRouterItselfThroughItsMirror() throws Exception {
    String out = sh("ip", "netns", "exec", H1, "ping", "-c", "2", "-i", "0.2", "-W", "2",
        "10.0.1.1");
    assertTrue(out.contains("2 received"), out);
    out = sh("ip", "netns", "exec", H2, "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.0.1.1");
    assertTrue(out.contains("2 received"), "the far address too: " + out);
  }

  @Test
  void tracerouteShowsTheRouterHop() throws Exception {
    String out = sh("ip", "netns", "exec", H1, "traceroute", "-n", "-q", "1", "-w", "2", "-m",
        "4", "10.0.2.2");
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

  static String sh(String... command) throws IOException, InterruptedException {
    return run(List.of(command));
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + out);
    }
    return out;
  }
}
