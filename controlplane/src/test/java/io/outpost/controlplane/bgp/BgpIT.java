package io.outpost.controlplane.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import io.outpost.lab.LabProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * BGP end to end, configured through the real daemon's CLI, against BIRD 2 (Debian bird2), in
 * network namespaces:
 *
 * <pre>
 *   h1 10.1.0.2 ── eth0 [ outpost AS 65001 ] eth1 ── eth0 [ bird AS 65002 ] eth1 ── h2 10.2.0.2
 *                        10.0.12.1, fd00:12::1          10.0.12.2, fd00:12::2
 * </pre>
 *
 * Outpost learns 10.2.0.0/24 and 2001:db8:2::/64 from BIRD and forwards h1's traffic there with
 * its data plane (the appliance's kernel does not forward); BIRD learns Outpost's networks and
 * puts them in its kernel, so h2's answers come back. The BGP sessions themselves cross the
 * data plane through the ports' TAP mirrors; the IPv4 one is signed with TCP-MD5 and
 * protected by GTSM on both sides, so it also proves that the data plane leaves the TTL of
 * the appliance's own traffic alone. Tests run in order and share one daemon; each leaves the
 * configuration as it found it.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BgpIT {
  static Lab lab;
  static Host h1;
  static Host appliance;
  static Host router;
  static Host h2;
  static OutpostDaemon daemon;
  static LabProcess bird;
  static Path birdSocket;

  @BeforeAll
  static void start() throws Exception {
    lab = Lab.create("bgp");
    h1 = lab.host("h1");
    appliance = lab.host("outpost");
    router = lab.host("bird");
    h2 = lab.host("h2");
    lab.link(h1, "eth0", appliance, "eth0");
    lab.link(appliance, "eth1", router, "eth0");
    lab.link(router, "eth1", h2, "eth0");
    h1.address("eth0", "10.1.0.2/24").address("eth0", "2001:db8:1::2/64")
        .route("default", "10.1.0.1").route("default", "2001:db8:1::1");
    router.address("eth0", "10.0.12.2/24").address("eth0", "fd00:12::2/64")
        .address("eth1", "10.2.0.1/24").address("eth1", "2001:db8:2::1/64")
        .sysctl("net.ipv4.ip_forward", "1").sysctl("net.ipv6.conf.all.forwarding", "1");
    h2.address("eth0", "10.2.0.2/24").address("eth0", "2001:db8:2::2/64")
        .route("default", "10.2.0.1").route("default", "2001:db8:2::1");
    appliance.sysctl("net.ipv4.ip_forward", "0").sysctl("net.ipv6.conf.all.forwarding", "0");
    for (Host h : new Host[] {h1, router, h2}) {
      // veth leaves TCP checksums to "hardware" that does not exist (see DataplaneIT); on the
      // router too, or its BGP segments reach the appliance's kernel unchecksummed
      h.execOrThrow("ethtool", "-K", "eth0", "tx", "off");
    }
    startBird();
    daemon = OutpostDaemon.in(appliance, lab.workDir().resolve("state")).start();
    ok(daemon.cli("configure;"
        + " set interfaces interface eth0 ipv4 address 10.1.0.1/24;"
        + " set interfaces interface eth0 ipv6 address 2001:db8:1::1/64;"
        + " set interfaces interface eth1 ipv4 address 10.0.12.1/24;"
        + " set interfaces interface eth1 ipv6 address fd00:12::1/64;"
        + " set dataplane port eth0; set dataplane port eth1;"
        + " set policy policy-statement all default-action accept;"
        + " set protocols bgp local-as 65001; set protocols bgp router-id 10.0.12.1;"
        + " set protocols bgp network 10.1.0.0/24; set protocols bgp network 2001:db8:1::/64;"
        + " set protocols bgp peer-group bird remote-as 65002;"
        + " set protocols bgp peer-group bird import-policy all;"
        + " set protocols bgp peer-group bird export-policy all;"
        + " set protocols bgp peer-group bird hold-time 9;"
        + " set protocols bgp peer-group bird connect-retry 1;"
        + " set protocols bgp neighbor 10.0.12.2 peer-group bird;"
        + " set protocols bgp neighbor 10.0.12.2 description bird-v4;"
        + " set protocols bgp neighbor 10.0.12.2 password bgp-it-md5;"
        + " set protocols bgp neighbor 10.0.12.2 ttl-security hops 1;"
        + " set protocols bgp neighbor fd00:12::2 peer-group bird;"
        + " set protocols bgp neighbor fd00:12::2 address-family ipv6-unicast; commit"));
  }

  private static void startBird() throws Exception {
    writeBirdConf(false);
    bird = router.spawn("bird", "bird", "-f", "-c", birdConf().toString(), "-s",
        birdSocket.toString(), "-P", lab.workDir().resolve("bird.pid").toString());
  }

  private static Path birdConf() {
    return lab.workDir().resolve("bird.conf");
  }

  /**
   * BIRD's configuration; with {@code ipv4OverIpv6}, the IPv4 session is off and the IPv6 one
   * carries IPv4 routes too, with IPv6 next hops (RFC 8950).
   */
  private static void writeBirdConf(boolean ipv4OverIpv6) throws IOException {
    birdSocket = lab.workDir().resolve("bird.ctl");
    Files.writeString(birdConf(), """
        router id 10.0.12.2;
        protocol device {}
        protocol direct { ipv4; ipv6; interface "eth1"; }
        protocol static extra { ipv4; route 198.51.100.0/24 blackhole; }
        protocol kernel k4 { ipv4 { export where source = RTS_BGP; }; }
        protocol kernel k6 { ipv6 { export where source = RTS_BGP; }; }
        filter to_outpost {
          if source = RTS_DEVICE || source = RTS_STATIC then {
            bgp_community.add((65002, 100));
            accept;
          }
          reject;
        }
        protocol bgp outpost4 {
          local 10.0.12.2 as 65002; neighbor 10.0.12.1 as 65001; hold time 9;
          connect retry time 1; error wait time 1, 2;
          password "bgp-it-md5"; ttl security on;
          graceful restart on; graceful restart time 10;
          ipv4 { import all; export filter to_outpost; };
          %s
        }
        protocol bgp outpost6 {
          local fd00:12::2 as 65002; neighbor fd00:12::1 as 65001; hold time 9;
          connect retry time 1; error wait time 1, 2;
          ipv6 { import all; export filter to_outpost; };
          %s
        }
        """.formatted(ipv4OverIpv6 ? "disabled;" : "", ipv4OverIpv6
        ? "ipv4 { import all; export filter to_outpost; extended next hop on; };" : ""));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (bird != null) {
      bird.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static ExecResult ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  static String cli(String commands) {
    return ok(daemon.cli(commands)).stdout();
  }

  static String birdc(String command) {
    return router.exec("birdc", "-s", birdSocket.toString(), command).stdout();
  }

  /** Waits up to {@code seconds} for {@code condition}; false if it never held. */
  static boolean eventually(int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  static boolean established(String neighbor) {
    return daemon.cli("show bgp neighbor " + neighbor).stdout().contains("State: Established");
  }

  static boolean reaches(Host from, String address) {
    return from.exec("ping", "-c", "1", "-W", "1", address).ok();
  }

  /** How many times the neighbor's session has been established. */
  static int establishedCount(String neighbor) {
    Matcher m = Pattern.compile("established (\\d+) times").matcher(cli("show bgp neighbor "
        + neighbor));
    assertTrue(m.find());
    return Integer.parseInt(m.group(1));
  }

  private static String diagnostics() {
    return cli("show bgp summary") + "\n" + daemon.cli("show bgp neighbor 10.0.12.2") + "\n"
        + cli("show route") + "\n" + birdc("show protocols all") + "\n"
        + router.exec("ip", "-br", "link").stdout() + appliance.exec("ip", "-br", "link").stdout()
        + appliance.exec("ping", "-c", "1", "-W", "1", "10.0.12.2").stdout();
  }

  @Test
  @Order(1)
  void learnedRoutesForwardThroughTheDataPlaneBothWays() throws Exception {
    assertTrue(eventually(30, () -> established("10.0.12.2") && established("fd00:12::2")),
        diagnostics());
    assertTrue(eventually(10, () -> cli("show route").contains("bgp")), diagnostics());
    String routes = cli("show route");
    assertTrue(routes.matches("(?s).*\\* 10\\.2\\.0\\.0/24\\s+bgp\\s+20\\s+10\\.0\\.12\\.2 via eth1.*"),
        routes);
    assertTrue(routes.matches("(?s).*\\* 2001:db8:2::/64\\s+bgp\\s+20\\s+fd00:12::2 via eth1.*"),
        routes);
    assertTrue(eventually(10, () -> birdc("show route 10.1.0.0/24").contains("10.1.0.0/24")),
        "BIRD learned our network: " + birdc("show route all"));
    assertTrue(eventually(10, () -> reaches(h1, "10.2.0.2")), "IPv4 through a BGP route: "
        + diagnostics());
    assertTrue(eventually(10, () -> reaches(h1, "2001:db8:2::2")), "IPv6 through a BGP route: "
        + diagnostics());
    assertTrue(reaches(h2, "10.1.0.2"), "and back from behind BIRD");
    String summary = cli("show bgp summary");
    assertTrue(summary.contains("local AS number 65001"), summary);
    assertTrue(summary.matches("(?s).*\\n10\\.0\\.12\\.2\\s+65002\\s+\\d+\\s+\\d+\\s+\\S+\\s+2\\s+2\\s+1\\s+bird-v4.*"),
        "two prefixes received and accepted (the connected 10.2.0.0/24 and the static"
            + " 198.51.100.0/24), one sent: " + summary);
  }

  @Test
  @Order(2)
  void showCommandsShowRoutesBothWaysAndWhyAPathIsBest() throws Exception {
    String neighbor = cli("show bgp neighbor 10.0.12.2");
    assertTrue(neighbor.contains("Transport security: TCP-MD5 GTSM (1 hop)"), neighbor);
    String received = cli("show bgp neighbor 10.0.12.2 received-routes");
    assertTrue(received.matches("(?s).*10\\.2\\.0\\.0/24\\s+10\\.0\\.12\\.2\\s.*65002 i\\s+65002:100.*"),
        received);
    String advertised = cli("show bgp neighbor 10.0.12.2 advertised-routes");
    assertTrue(advertised.matches("(?s).*10\\.1\\.0\\.0/24\\s+10\\.0\\.12\\.1\\s.*65001 i.*"),
        advertised);
    assertTrue(advertised.contains("1 route"), advertised);
    String route = cli("show bgp route 10.2.0.0/24");
    assertTrue(route.contains("Path 1 (best): from 10.0.12.2 (eBGP), AS path 65002, origin IGP"),
        route);
    assertTrue(route.contains("communities 65002:100"), route);
    String mine = cli("show bgp route 10.1.0.0/24");
    assertTrue(mine.contains("from local (iBGP), AS path (empty)"), mine);

    ExecResult none = daemon.cli("show bgp route 192.0.2.0/24");
    assertFalse(none.ok());
    assertTrue(none.stderr().contains("no BGP route to 192.0.2.0/24"), none.toString());
    ExecResult bad = daemon.cli("show bgp neighbor 10.0.12.99");
    assertFalse(bad.ok());
    assertTrue(bad.stderr().contains("no BGP neighbor 10.0.12.99"), bad.toString());
  }

  @Test
  @Order(3)
  void anImportPolicyChangeFiltersWithoutASessionReset() throws Exception {
    int before = establishedCount("10.0.12.2");
    cli("configure; set policy prefix-list not-h2 rule 10 prefix 10.2.0.0/24;"
        + " set policy prefix-list not-h2 rule 10 action deny;"
        + " set policy prefix-list not-h2 rule 20 prefix 0.0.0.0/0;"
        + " set policy prefix-list not-h2 rule 20 le 32;"
        + " set policy policy-statement in term filter from prefix-list not-h2;"
        + " set policy policy-statement in term filter then action accept;"
        + " set protocols bgp neighbor 10.0.12.2 import-policy in; commit");
    assertTrue(eventually(10, () -> !cli("show route").contains("10.2.0.0/24")), diagnostics());
    assertTrue(cli("show route").contains("198.51.100.0/24"), "the other route stays");
    assertTrue(eventually(5, () -> !reaches(h1, "10.2.0.2")), "no route, no forwarding");
    assertTrue(cli("show bgp neighbor 10.0.12.2 received-routes").contains("10.2.0.0/24"),
        "the Adj-RIB-In keeps what import policy refused");

    cli("configure; delete protocols bgp neighbor 10.0.12.2 import-policy; commit");
    assertTrue(eventually(10, () -> cli("show route").contains("10.2.0.0/24")), diagnostics());
    assertTrue(eventually(10, () -> reaches(h1, "10.2.0.2")), diagnostics());
    assertEquals(before, establishedCount("10.0.12.2"), "no session was reset");
    cli("configure; delete policy prefix-list not-h2; delete policy policy-statement in; commit");
  }

  @Test
  @Order(4)
  void clearSoftKeepsTheSessionAndClearResetsIt() throws Exception {
    int before = establishedCount("10.0.12.2");
    assertTrue(cli("clear bgp neighbor 10.0.12.2 soft in").contains("route refresh requested"));
    assertTrue(cli("clear bgp neighbor 10.0.12.2 soft out").contains("routes sent again"));
    Thread.sleep(500);
    assertEquals(before, establishedCount("10.0.12.2"));
    assertTrue(cli("clear bgp neighbor 10.0.12.2").contains("session reset"));
    assertTrue(eventually(30, () -> establishedCount("10.0.12.2") == before + 1), diagnostics());
    assertTrue(eventually(10, () -> reaches(h1, "10.2.0.2")), diagnostics());
    ExecResult bad = daemon.cli("clear bgp neighbor 10.0.12.2 soft sideways");
    assertFalse(bad.ok());
    assertTrue(bad.stderr().contains("soft in or soft out"), bad.toString());
  }

  @Test
  @Order(5)
  void shuttingOneNeighborDownLeavesTheOtherAlone() throws Exception {
    int v6 = establishedCount("fd00:12::2");
    cli("configure; set protocols bgp neighbor 10.0.12.2 shutdown; commit");
    assertTrue(eventually(10, () -> birdc("show protocols all outpost4")
        .contains("Administrative shutdown")), birdc("show protocols all outpost4"));
    assertTrue(birdc("show protocols all outpost4").contains("shut down by configuration"),
        "the RFC 9003 message reaches the peer: " + birdc("show protocols all outpost4"));
    assertTrue(cli("show bgp summary").matches("(?s).*10\\.0\\.12\\.2\\s+65002\\s+Idle \\(Admin\\).*"),
        cli("show bgp summary"));
    assertTrue(eventually(10, () -> !cli("show route").contains("10.2.0.0/24")), diagnostics());
    assertTrue(reaches(h1, "2001:db8:2::2"), "the IPv6 neighbor's routes still forward");
    assertEquals(v6, establishedCount("fd00:12::2"), "and its session was not touched");

    cli("configure; delete protocols bgp neighbor 10.0.12.2 shutdown; commit");
    assertTrue(eventually(30, () -> established("10.0.12.2")), diagnostics());
    assertTrue(eventually(10, () -> reaches(h1, "10.2.0.2")), diagnostics());
  }

  @Test
  @Order(6)
  void aBadConfigurationIsRefusedWithThePathAndNothingChanges() {
    String before = cli("show bgp summary");
    ExecResult r = daemon.cli("configure; set protocols bgp neighbor 10.0.12.9 description x;"
        + " set policy community-list c community 70000:1; commit");
    assertFalse(r.ok(), r.toString());
    String out = r.stdout() + r.stderr();
    assertTrue(out.contains("protocols bgp neighbor 10.0.12.9: needs remote-as"), out);
    assertTrue(out.contains("policy community-list c community: "), out);
    assertFalse(cli("show bgp summary").contains("10.0.12.9"), "nothing was applied");
    assertEquals(before.lines().count(), cli("show bgp summary").lines().count());
    cli("configure; rollback 0"); // the refused edits leave the shared candidate
  }

  /**
   * BIRD dies (SIGKILL: its sessions end without a NOTIFICATION). As its graceful-restart
   * helper, Outpost keeps forwarding on its routes for the 10 s restart time it advertised,
   * then sweeps them; BIRD started again brings them back.
   */
  @Test
  @Order(7)
  void aCrashedPeersRoutesKeepForwardingForItsRestartTime() throws Exception {
    assertTrue(eventually(30, () -> established("10.0.12.2") && reaches(h1, "10.2.0.2")),
        diagnostics());
    bird.kill();
    assertTrue(eventually(10, () -> cli("show bgp neighbor 10.0.12.2")
        .contains("restart time 10 s; 2 of its routes kept as stale")), diagnostics());
    assertTrue(reaches(h1, "10.2.0.2"), "still forwarded on the stale route: " + diagnostics());
    assertTrue(eventually(20, () -> !cli("show route").contains("10.2.0.0/24")),
        "swept after the restart time: " + diagnostics());
    assertFalse(reaches(h1, "10.2.0.2"), "no route any more");

    startBird();
    assertTrue(eventually(60, () -> established("10.0.12.2") && established("fd00:12::2")
        && reaches(h1, "10.2.0.2")), "BIRD back: " + diagnostics());
  }

  /**
   * RFC 8950: with the IPv4 session off, the IPv6 session carries IPv4 routes both ways with
   * IPv6 next hops. Outpost forwards h1's IPv4 traffic to BIRD's IPv6 address (its data plane
   * resolves the next hop with neighbor discovery); BIRD's kernel sends h2's answers to ours.
   */
  @Test
  @Order(8)
  void ipv4RoutesCrossTheIpv6SessionWithIpv6NextHops() throws Exception {
    cli("configure; set protocols bgp neighbor 10.0.12.2 shutdown;"
        + " set protocols bgp neighbor fd00:12::2 address-family ipv4-unicast;"
        + " set protocols bgp neighbor fd00:12::2 extended-nexthop true; commit");
    writeBirdConf(true);
    birdc("configure");
    assertTrue(eventually(60, () -> cli("show route").matches(
        "(?s).*\\* 10\\.2\\.0\\.0/24\\s+bgp\\s+20\\s+fd00:12::2 via eth1.*")),
        "10.2.0.0/24 via BIRD's IPv6 address: " + diagnostics());
    assertTrue(eventually(10, () -> birdc("show route 10.1.0.0/24 all")
        .contains("BGP.next_hop: fd00:12::1")), "BIRD has our IPv4 network with our IPv6"
        + " address as next hop: " + birdc("show route 10.1.0.0/24 all"));
    assertTrue(eventually(10, () -> reaches(h1, "10.2.0.2")), "IPv4 forwarded to an IPv6"
        + " next hop: " + diagnostics() + router.exec("ip", "route").stdout());
    String neighbor = cli("show bgp neighbor fd00:12::2");
    assertTrue(neighbor.contains("State: Established") && neighbor.matches(
        "(?s).*Negotiated: 4-octet AS, .*extended next hop \\(IPv4 via IPv6\\).*"), neighbor);

    cli("configure; delete protocols bgp neighbor 10.0.12.2 shutdown;"
        + " delete protocols bgp neighbor fd00:12::2 address-family ipv4-unicast;"
        + " delete protocols bgp neighbor fd00:12::2 extended-nexthop; commit");
    writeBirdConf(false);
    birdc("configure");
    assertTrue(eventually(60, () -> established("10.0.12.2") && established("fd00:12::2")
        && reaches(h1, "10.2.0.2")), "as before: " + diagnostics());
  }
}
