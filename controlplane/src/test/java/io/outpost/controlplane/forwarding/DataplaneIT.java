package io.outpost.controlplane.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The data plane driven by the real daemon through the CLI, in network namespaces:
 *
 * <pre>
 *   h1 10.1.0.2 ── eth0 [ outpost ] eth1 ── h2 10.2.0.2 (router for 203.0.113.0/24, on its lo)
 * </pre>
 *
 * The appliance's kernel never forwards (ip_forward 0); what crosses is Outpost's. Each test
 * leaves the configuration as it found it; they run in order because they share one daemon.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataplaneIT {
  static Lab lab;
  static Host h1;
  static Host h2;
  static Host appliance;
  static OutpostDaemon daemon;

  @BeforeAll
  static void start() {
    lab = Lab.create("dataplane");
    h1 = lab.host("h1");
    appliance = lab.host("outpost");
    h2 = lab.host("h2");
    lab.link(h1, "eth0", appliance, "eth0");
    lab.link(appliance, "eth1", h2, "eth0");
    h1.address("eth0", "10.1.0.2/24").address("eth0", "2001:db8:1::2/64")
        .route("default", "10.1.0.1").route("default", "2001:db8:1::1");
    h2.address("eth0", "10.2.0.2/24").address("eth0", "2001:db8:2::2/64")
        .route("default", "10.2.0.1").route("default", "2001:db8:2::1");
    h2.address("lo", "203.0.113.1/32");
    appliance.sysctl("net.ipv4.ip_forward", "0").sysctl("net.ipv6.conf.all.forwarding", "0");
    for (Host h : new Host[] {h1, h2}) {
      // veth leaves TCP/UDP checksums to "hardware" that does not exist; see ForwardingLabTest
      h.execOrThrow("ethtool", "-K", "eth0", "tx", "off");
    }
    // As if an earlier daemon had been killed after installing a route it no longer has.
    appliance.execOrThrow("ip", "route", "add", "blackhole", "198.18.0.0/15", "proto", "static",
        "metric", "20");
    daemon = OutpostDaemon.in(appliance, lab.workDir().resolve("state")).start();
    ExecResult r = ok(daemon.cli("configure;"
        + " set interfaces interface eth0 ipv4 address 10.1.0.1/24;"
        + " set interfaces interface eth0 ipv6 address 2001:db8:1::1/64;"
        + " set interfaces interface eth1 ipv4 address 10.2.0.1/24;"
        + " set interfaces interface eth1 ipv6 address 2001:db8:2::1/64;"
        + " set routing static route 203.0.113.0/24 next-hop 10.2.0.2;"
        + " set dataplane port eth0; set dataplane port eth1; commit"));
    assertTrue(r.stdout().contains("the data plane starts on eth0, eth1"), r.stdout());
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static ExecResult ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  static boolean reaches(Host from, String address) throws InterruptedException {
    for (int i = 0; i < 8; i++) {
      if (from.exec("ping", "-c", "1", "-W", "1", address).ok()) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  @Test
  @Order(1)
  void connectedAndStaticRoutesForwardThroughTheDataPlane() throws Exception {
    assertTrue(appliance.execOrThrow("ip", "link", "show").stdout().contains("phy-eth0"),
        "the ports are taken over");
    assertTrue(reaches(h1, "10.2.0.2"), "connected, IPv4");
    assertTrue(reaches(h1, "2001:db8:2::2"), "connected, IPv6");
    assertTrue(reaches(h1, "203.0.113.1"), "static via a gateway");
    assertTrue(reaches(h1, "10.1.0.1"), "the appliance itself, through its mirror");
    String show = ok(daemon.cli("show dataplane")).stdout();
    assertTrue(show.matches("(?s).*\\neth1\\s+phy-eth1\\s+\\S+\\s+\\d+\\s+[1-9]\\d*\\s.*"), show);
    assertEquals("203.0.113.0/24 via 10.2.0.2 dev eth1 proto static metric 20",
        appliance.execOrThrow("ip", "route", "show", "203.0.113.0/24").stdout().strip(),
        "the kernel has the static route too, through eth1's mirror");
    assertTrue(appliance.exec("ping", "-c", "1", "-W", "2", "203.0.113.1").ok(),
        "so the appliance's own traffic reaches a network behind a gateway");
    assertEquals("", appliance.execOrThrow("ip", "route", "show", "198.18.0.0/15").stdout()
        .strip(), "the left-over route of an earlier run was swept at the first commit");
    String neighbors = ok(daemon.cli("show neighbors")).stdout();
    assertTrue(neighbors.matches("(?s).*10\\.2\\.0\\.2\\s+([0-9a-f]{2}:){5}[0-9a-f]{2}\\s+eth1\\s+"
        + "(reachable|stale|probe)\\s.*"), neighbors);
  }

  @Test
  @Order(2)
  void tcpCrossesBothWaysWithIperf3() throws Exception {
    // iperf3 runs for 2 s each way (-t 2): time-bounded, and the test's own timeout stops it.
    for (String direction : new String[] {"", "-R"}) {
      var server = h2.spawn("iperf3-server" + direction, "iperf3", "-s", "-1", "-p", "5201");
      Thread.sleep(500);
      java.util.List<String> client = new java.util.ArrayList<>(java.util.List.of("iperf3", "-c",
          "10.2.0.2", "-p", "5201", "-t", "2", "-J"));
      if (!direction.isEmpty()) {
        client.add(direction);
      }
      ExecResult r = h1.exec(Duration.ofSeconds(60), client.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.toString());
      var received = java.util.regex.Pattern.compile(
          "\"sum_received\":\\s*\\{[^}]*\"bytes\":\\s*(\\d+)").matcher(r.stdout());
      assertTrue(received.find(), r.stdout());
      // The server's count stops at the end of the test, before the last segments in flight,
      // so it is compared with a floor rather than with what was sent: 10 MiB in 2 s is far
      // below what a working path carries and far above what a stalled one does.
      long bytes = Long.parseLong(received.group(1));
      assertTrue(bytes > 10L << 20, (direction.isEmpty() ? "h1 to h2" : "h2 to h1") + ": "
          + bytes + " bytes in 2 s");
      server.terminate(Duration.ofSeconds(5));
    }
  }

  @Test
  @Order(3)
  void aCommitReroutesAndRollbackRestores() throws Exception {
    // Pings to h2 run through the commit: a route they do not use changes, they lose nothing.
    var untouched = java.util.concurrent.CompletableFuture.supplyAsync(() -> h1.exec(
        Duration.ofSeconds(30), "ping", "-c", "300", "-i", "0.01", "-W", "1", "10.2.0.2"));
    Thread.sleep(500);
    ok(daemon.cli("configure; delete routing static route 203.0.113.0/24;"
        + " set routing static route 203.0.113.0/24 blackhole; commit comment blackhole"));
    ExecResult during = untouched.get(40, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(during.stdout().contains("300 packets transmitted, 300 received"),
        "no loss on the routes the commit did not touch: " + during);
    assertFalse(h1.exec("ping", "-c", "2", "-W", "1", "203.0.113.1").ok(), "blackholed");
    assertTrue(ok(daemon.cli("show dataplane")).stdout().matches("(?s).*blackhole\\s+[1-9].*"));
    ok(daemon.cli("configure; set routing static route 203.0.113.0/24 reject; commit"));
    ExecResult rejected = h1.exec("ping", "-c", "1", "-W", "2", "203.0.113.1");
    assertFalse(rejected.ok());
    assertTrue(rejected.stdout().contains("Packet filtered")
        || rejected.stdout().contains("Communication prohibited"), "ICMP administratively"
        + " prohibited from the reject route: " + rejected);
    ok(daemon.cli("configure; rollback 2; commit comment restore"));
    assertTrue(reaches(h1, "203.0.113.1"), "forwarding again after the rollback");
  }

  @Test
  @Order(4)
  void aMissingPortIsRefusedWithThePathAndNothingChanges() throws Exception {
    ExecResult r = daemon.cli("configure; set interfaces interface eth7;"
        + " set dataplane port eth7; commit");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.stderr().contains("dataplane") && r.stderr().contains("eth7"), r.toString());
    assertTrue(reaches(h1, "10.2.0.2"), "the running data plane still forwards");
    assertFalse(ok(daemon.cli("show configuration dataplane")).stdout().contains("eth7"));
  }

  @Test
  @Order(5)
  void aNeighborThatDoesNotAnswerMakesTheHostUnreachable() throws Exception {
    // Nobody has 10.2.0.77: the data plane queues the packet, sends three ARP requests a second
    // apart, marks the neighbor failed and answers with ICMP host unreachable, as a kernel does.
    ExecResult r = h1.exec(Duration.ofSeconds(30), "ping", "-c", "1", "-W", "8", "10.2.0.77");
    assertTrue(r.stdout().contains("Destination Host Unreachable"), r.toString());
    assertTrue(ok(daemon.cli("show neighbors")).stdout()
        .matches("(?s).*10\\.2\\.0\\.77\\s+-\\s+eth1\\s+failed\\s.*"));
  }

  @Test
  @Order(6)
  void removingTheDataPlaneGivesThePortsBack() throws Exception {
    ExecResult r = ok(daemon.cli("configure; delete dataplane; commit"));
    assertTrue(r.stdout().contains("the data plane stops"), r.stdout());
    String links = appliance.execOrThrow("ip", "link", "show").stdout();
    assertFalse(links.contains("phy-eth0"), links);
    assertTrue(appliance.execOrThrow("ip", "-o", "addr", "show", "dev", "eth0").stdout()
        .contains("10.1.0.1/24"), "the device has its configured address again");
    assertFalse(h1.exec("ping", "-c", "1", "-W", "1", "10.2.0.2").ok(),
        "nothing forwards: the kernel does not");
    assertTrue(reaches(h1, "10.1.0.1"), "the appliance answers on the device itself");
    assertEquals("203.0.113.0/24 via 10.2.0.2 dev eth1 proto static metric 20",
        appliance.execOrThrow("ip", "route", "show", "203.0.113.0/24").stdout().strip(),
        "the static route is installed again on the device given back");
    assertTrue(ok(daemon.cli("show dataplane")).stdout().contains("not running"));
    ok(daemon.cli("configure; rollback 1; commit"));
    assertTrue(reaches(h1, "10.2.0.2"), () -> "and forwards again once it is back\n"
        + daemon.cli("show dataplane; show neighbors").stdout()
        + appliance.exec("ip", "addr").stdout());
  }

  @Test
  @Order(7)
  void captureWritesWhatThePortReceivesAndSendsAndTsharkReadsIt() throws Exception {
    java.nio.file.Path file = lab.workDir().resolve("icmp.pcap");
    var capture = java.util.concurrent.CompletableFuture.supplyAsync(() -> daemon.cli(
        "capture interface eth0 count 3 filter \"icmp and dst host 10.2.0.2\" seconds 20 file "
        + file));
    Thread.sleep(1500); // libpcap opens the device
    h1.exec("ping", "-c", "5", "-i", "0.2", "-W", "1", "10.2.0.2");
    ExecResult r = ok(capture.get(30, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(r.stdout().contains("3 packets from phy-eth0 written to " + file), r.stdout());
    ExecResult fields = ok(OutpostDaemon.run(java.util.List.of("tshark", "-r", file.toString(),
        "-T", "fields", "-e", "ip.dst", "-e", "icmp.type")));
    assertEquals(java.util.List.of("10.2.0.2\t8", "10.2.0.2\t8", "10.2.0.2\t8"),
        fields.stdout().lines().toList(), fields.toString());
    ExecResult decoded = ok(OutpostDaemon.run(java.util.List.of("tshark", "-r", file.toString(),
        "-V")));
    assertFalse(decoded.stdout().contains("Malformed"), decoded.stdout());

    // On eth1 the pings to h2 are frames the data plane transmits, forwarded: TTL 63.
    java.nio.file.Path sent = lab.workDir().resolve("sent.pcap");
    var egress = java.util.concurrent.CompletableFuture.supplyAsync(() -> daemon.cli(
        "capture interface eth1 count 2 filter \"icmp and dst host 10.2.0.2\" seconds 20 file "
        + sent));
    Thread.sleep(1500);
    h1.exec("ping", "-c", "4", "-i", "0.2", "-W", "1", "10.2.0.2");
    ok(egress.get(30, java.util.concurrent.TimeUnit.SECONDS));
    ExecResult ttl = ok(OutpostDaemon.run(java.util.List.of("tshark", "-r", sent.toString(),
        "-T", "fields", "-e", "ip.dst", "-e", "ip.ttl")));
    assertEquals(java.util.List.of("10.2.0.2\t63", "10.2.0.2\t63"), ttl.stdout().lines().toList(),
        ttl.toString());
    assertTrue(reaches(h1, "10.2.0.2"), "forwarding goes on after the capture");

    ExecResult quiet = ok(daemon.cli("capture interface eth0 filter \"udp port 9\" count 1"
        + " seconds 2"));
    assertTrue(quiet.stdout().contains("0 packets from phy-eth0 written to")
        && quiet.stdout().contains("(time limit of 2 s reached)"), "a quiet port still ends: "
        + quiet);

    ExecResult bad = daemon.cli("capture interface eth0 filter \"icmp and and\" count 1");
    assertNotEquals(0, bad.exitCode());
    assertTrue(bad.stderr().contains("filter \"icmp and and\""), bad.toString());
    ExecResult outside = daemon.cli("capture interface eth0 count 1 file /etc/x.pcap");
    assertTrue(outside.stderr().contains("must be under /var/tmp or /tmp"), outside.toString());
  }

  @Test
  @Order(8)
  void aVlanSubInterfaceForwardsAndAnswersTaggedAndGoesAwayWithItsMirror() throws Exception {
    ExecResult r = ok(daemon.cli("configure;"
        + " set interfaces interface eth1.100 vlan parent eth1;"
        + " set interfaces interface eth1.100 vlan id 100;"
        + " set interfaces interface eth1.100 ipv4 address 10.3.0.1/24; commit"));
    assertFalse(r.stdout().contains("restarts"), "a VLAN needs no restart: " + r.stdout());
    assertTrue(appliance.execOrThrow("ip", "-o", "addr", "show", "dev", "eth1.100").stdout()
        .contains("10.3.0.1/24"), "the VLAN's mirror carries its address");

    // This kernel has no 8021q module, so the host on VLAN 100 is scapy on h2's raw link.
    String script = java.nio.file.Path.of(DataplaneIT.class.getResource("vlan_host.py").toURI())
        .toString();
    var host = h2.spawn("vlan-host", "/usr/bin/python3", script, "eth0", "100", "10.3.0.2",
        "02:00:00:00:01:00", "10.3.0.1", "25");
    host.awaitLog("answering", Duration.ofSeconds(30));
    assertTrue(host.logText().contains("arp 10.3.0.1 is-at ")
        && host.logText().contains("echo-reply from 10.3.0.1 vlan 100"),
        () -> "the appliance answers ARP and ping on the VLAN, tagged, through its mirror:\n"
        + host.logText() + daemon.cli("show dataplane").stdout()
        + appliance.exec("ip", "-s", "link", "show", "eth1.100").stdout()
        + appliance.exec("ip", "neigh").stdout());
    assertTrue(reaches(h1, "10.3.0.2"), () -> "forwarded onto the VLAN and back from it:\n"
        + host.logText());
    host.awaitLog("answered echo from 10.1.0.2", Duration.ofSeconds(5));
    String show = ok(daemon.cli("show dataplane")).stdout();
    assertTrue(show.matches("(?s).*\\neth1\\.100\\s+phy-eth1 VLAN 100\\s+\\S+\\s+"
        + "[1-9]\\d*\\s+[1-9]\\d*\\s.*"), show);
    host.terminate(Duration.ofSeconds(5));

    ok(daemon.cli("configure; delete interfaces interface eth1.100; commit"));
    assertFalse(appliance.exec("ip", "link", "show", "eth1.100").ok(), "the mirror is gone");
    assertFalse(ok(daemon.cli("show dataplane")).stdout().contains("eth1.100"));
    ok(daemon.cli("configure; rollback 1; commit"));
    assertTrue(appliance.execOrThrow("ip", "-o", "addr", "show", "dev", "eth1.100").stdout()
        .contains("10.3.0.1/24"), "back after the rollback, under the same name");
    ok(daemon.cli("configure; delete interfaces interface eth1.100; commit"));
  }

  @Test
  @Order(9)
  void aSmallerEgressMtuGetsFragmentationNeededAndTcpFindsThePathMtu() throws Exception {
    // tshark on h1's side records what the data plane sends h1, to be decoded afterwards.
    java.nio.file.Path file = lab.workDir().resolve("emitted.pcap");
    var tshark = h1.spawn("tshark", "tshark", "-i", "eth0", "-f", "icmp or icmp6", "-a",
        "duration:20", "-w", file.toString());
    ok(daemon.cli("configure; set interfaces interface eth1 mtu 1400; commit"));
    Thread.sleep(1500); // tshark opens the device
    ExecResult v4 = h1.exec("ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1400", "10.2.0.2");
    assertTrue(v4.stdout().contains("mtu = 1400"), "fragmentation needed with the MTU: " + v4);
    ExecResult v6 = h1.exec("ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1400",
        "2001:db8:2::2");
    assertTrue(v6.stdout().contains("mtu=1400"), "packet too big with the MTU: " + v6);
    assertTrue(h1.exec("ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1372", "10.2.0.2").ok(),
        "exactly 1400 bytes pass");
    // h1 has just learned the path MTU and would fragment to 1400 itself: forget it first.
    h1.execOrThrow("ip", "route", "flush", "cache");
    assertTrue(h1.exec("ping", "-c", "2", "-W", "2", "-M", "dont", "-s", "2000", "10.2.0.2")
        .ok(), "without DF, the data plane fragments and h2 reassembles");
    String fragmented = ok(daemon.cli("show dataplane")).stdout();
    assertTrue(fragmented.matches("(?s).*IPv4 packets fragmented [1-9].*"), fragmented);

    // A TCP flow h1 -> h2 starts with 1500-byte segments (h2's MSS says 1460); the data plane
    // answers the first with fragmentation needed and h1's kernel lowers its path MTU.
    h1.exec("ip", "route", "flush", "cache");
    var server = h2.spawn("iperf3-pmtu", "iperf3", "-s", "-1", "-p", "5202");
    Thread.sleep(500);
    ExecResult flow = h1.exec(Duration.ofSeconds(60), "iperf3", "-c", "10.2.0.2", "-p", "5202",
        "-t", "2", "-J");
    assertEquals(0, flow.exitCode(), flow.toString());
    var received = java.util.regex.Pattern.compile(
        "\"sum_received\":\\s*\\{[^}]*\"bytes\":\\s*(\\d+)").matcher(flow.stdout());
    assertTrue(received.find() && Long.parseLong(received.group(1)) > 10L << 20, flow.stdout());
    server.terminate(Duration.ofSeconds(5));
    String cached = h1.execOrThrow("ip", "route", "get", "10.2.0.2").stdout();
    assertTrue(cached.contains("mtu 1400"), "h1 learned the path MTU: " + cached);

    ok(daemon.cli("configure; rollback 1; commit"));
    tshark.terminate(Duration.ofSeconds(10));
    ExecResult errors = ok(OutpostDaemon.run(java.util.List.of("tshark", "-r", file.toString(),
        "-Y", "(icmp.type == 3 && icmp.code == 4 && icmp.mtu == 1400) || icmpv6.type == 2",
        "-T", "fields", "-e", "frame.number")));
    assertTrue(errors.stdout().lines().count() >= 2, "the ICMP errors we sent: " + errors);
    ExecResult decoded = ok(OutpostDaemon.run(java.util.List.of("tshark", "-r", file.toString(),
        "-V")));
    assertFalse(decoded.stdout().contains("Malformed") || decoded.stdout().contains("[Expert "
        + "Info (Error"), "tshark finds nothing wrong in what the data plane sent");
  }

  @Test
  @Order(10)
  void traceShowsPacketsStageByStage() throws Exception {
    var trace = java.util.concurrent.CompletableFuture.supplyAsync(() -> daemon.cli(
        "trace interface eth0 count 2 seconds 20"));
    Thread.sleep(1000);
    h1.exec("ping", "-c", "3", "-i", "0.3", "-W", "1", "10.2.0.2");
    String out = ok(trace.get(30, java.util.concurrent.TimeUnit.SECONDS)).stdout();
    assertTrue(out.contains("Packet 1: eth0,") && out.contains("Packet 2: eth0,")
        && !out.contains("Packet 3"), out);
    assertTrue(out.contains("IPv4 10.1.0.2 > 10.2.0.2 ttl 64 length 84 DF ICMP type 8 code 0"),
        out);
    assertTrue(out.matches("(?s).*ethernet-input\\s+-> ipv4-input \\(interface eth0\\)\\n"
        + "\\s+ipv4-input\\s+-> ipv4-forward\\n\\s+ipv4-forward\\s+-> output\\n"
        + "\\s+sent out of eth1 to ([0-9a-f]{2}:){5}[0-9a-f]{2} \\(next hop \\d+\\).*"), out);

    ExecResult bad = daemon.cli("trace interface eth9");
    assertNotEquals(0, bad.exitCode());
    assertTrue(bad.stderr().contains("not a data-plane port: eth9"), bad.toString());
  }

  @Test
  @Order(11)
  void anInterfaceThatIsDisabledForwardsNothingUntilEnabledAndShowInterfacesSaysWhy() throws Exception {
    ok(daemon.cli("configure; set interfaces interface eth0 enabled false; commit"));
    assertFalse(h1.exec("ping", "-c", "2", "-W", "1", "10.2.0.2").ok(), "eth0 is down");
    String show = ok(daemon.cli("show dataplane")).stdout();
    assertTrue(show.matches("(?s).*admin-down\\s+[1-9].*"), show);
    String eth0 = ok(daemon.cli("show interfaces eth0")).stdout();
    assertTrue(eth0.contains("Data plane: port on phy-eth0")
        && eth0.matches("(?s).*Forwarded input:  [1-9]\\d* packets.*")
        && eth0.matches("(?s).*dropped, admin-down:\\s+[1-9].*")
        && eth0.contains("Device phy-eth0: "), eth0);
    ok(daemon.cli("configure; rollback 1; commit"));
    assertTrue(reaches(h1, "10.2.0.2"), "and forwards again once enabled");

    ok(daemon.cli("clear counters"));
    String cleared = ok(daemon.cli("show interfaces eth1")).stdout();
    assertTrue(cleared.matches("(?s).*Forwarded input:  \\d{1,2} packets.*"), "counted from"
        + " zero again (a few packets may have arrived since): " + cleared);
  }

  @Test
  @Order(12)
  void commitCheckSaysWhatWouldHappenWithoutRestartingAnything() throws Exception {
    assertTrue(reaches(h1, "10.2.0.2"));
    long before = forwardedIn("eth0");
    // rollback 0 afterwards: the candidate is shared, and a check leaves it changed
    ExecResult r = ok(daemon.cli("configure; set dataplane workers 2; commit check; rollback 0"));
    assertTrue(r.stdout().contains("the data plane would restart on eth0, eth1"), r.toString());
    assertTrue(forwardedIn("eth0") >= before, "counters kept: the data plane did not restart");
    ExecResult missing = daemon.cli("configure; set interfaces interface eth7;"
        + " set dataplane port eth7; commit check");
    ok(daemon.cli("configure; rollback 0"));
    assertNotEquals(0, missing.exitCode());
    assertTrue(missing.stderr().contains("no such network device"), missing.toString());
    assertTrue(reaches(h1, "10.2.0.2"));
  }

  private static long forwardedIn(String name) {
    var m = java.util.regex.Pattern.compile("Forwarded input:  (\\d+) packets")
        .matcher(ok(daemon.cli("show interfaces " + name)).stdout());
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  @Test
  @Order(13)
  void pollingWorkersForwardToo() throws Exception {
    ExecResult r = ok(daemon.cli("configure; set dataplane rx-mode polling; commit"));
    assertTrue(r.stdout().contains("the data plane restarts on eth0, eth1"), r.stdout());
    assertTrue(ok(daemon.cli("show dataplane")).stdout().contains("rx-mode polling"));
    assertTrue(reaches(h1, "10.2.0.2"));
    assertTrue(reaches(h1, "2001:db8:2::2"));
    ok(daemon.cli("configure; rollback 1; commit"));
    assertTrue(ok(daemon.cli("show dataplane")).stdout().contains("rx-mode interrupt"));
    assertTrue(reaches(h1, "10.2.0.2"));
  }
}
