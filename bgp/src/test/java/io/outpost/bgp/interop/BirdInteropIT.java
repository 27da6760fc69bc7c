package io.outpost.bgp.interop;

import static io.outpost.bgp.interop.SpeakerLab.OURS4;
import static io.outpost.bgp.interop.SpeakerLab.OURS6;
import static io.outpost.bgp.interop.SpeakerLab.PEER4;
import static io.outpost.bgp.interop.SpeakerLab.PEER6;
import static io.outpost.bgp.interop.SpeakerLab.address;
import static io.outpost.bgp.interop.SpeakerLab.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.speaker.PeerConfig;
import io.outpost.bgp.wire.Family;
import io.outpost.lab.LabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outpost against BIRD 2 (Debian bird2) in network namespaces: one session over IPv4 carrying
 * IPv4 unicast, one over IPv6 carrying IPv6 unicast; routes both ways with their AS path, MED,
 * communities and large communities; withdrawals both ways.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BirdInteropIT {
  private static SpeakerLab lab;
  private static LabProcess bird;
  private static Path socket;

  @BeforeAll
  static void start() throws Exception {
    lab = new SpeakerLab("bgp-bird");
    Path dir = lab.lab.workDir();
    Path conf = dir.resolve("bird.conf");
    socket = dir.resolve("bird.ctl");
    Files.writeString(conf, """
        router id %s;
        protocol device {}
        protocol static s4 { ipv4; route 192.0.2.0/24 blackhole; route 198.51.100.0/24 blackhole; }
        protocol static s4b { ipv4; route 198.18.0.0/15 blackhole; }
        protocol static s6 { ipv6; route 2001:db8:2::/48 blackhole; }
        filter to_outpost {
          if net = 198.51.100.0/24 then {
            bgp_med = 50;
            bgp_community.add((65002, 100));
            bgp_large_community.add((65002, 1, 2));
          }
          if source = RTS_STATIC then accept;
          reject;
        }
        protocol bgp outpost4 {
          local %s as 65002; neighbor %s as 65001; hold time 9;
          connect retry time 1; error wait time 1, 2;
          ipv4 { import all; export filter to_outpost; };
        }
        protocol bgp outpost6 {
          local %s as 65002; neighbor %s as 65001; hold time 9;
          connect retry time 1; error wait time 1, 2;
          ipv6 { import all; export filter to_outpost; };
        }
        """.formatted(PEER4, PEER4, OURS4, PEER6, OURS6));
    bird = lab.peer.spawn("bird", "bird", "-f", "-c", conf.toString(), "-s", socket.toString(),
        "-P", dir.resolve("bird.pid").toString());
    lab.speaker.addPeer(PeerConfig.of(address(PEER4), SpeakerLab.PEER_AS)
        .withPolicies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).withTimers(9, 1)
        .withFamilies(Set.of(Family.IPV4_UNICAST)));
    lab.speaker.addPeer(PeerConfig.of(address(PEER6), SpeakerLab.PEER_AS)
        .withPolicies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).withTimers(9, 1)
        .withFamilies(Set.of(Family.IPV6_UNICAST)));
    lab.originate("203.0.113.0/24");
    lab.originate("2001:db8:1::/48");
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  /** birdc's answer; it exits 1 on an error reply such as "Network not found", kept as text. */
  private static String birdc(String command) {
    return lab.peer.exec("birdc", "-s", socket.toString(), command).stdout();
  }

  private static String log() {
    return bird.logText() + "\n" + birdc("show protocols all");
  }

  @Test
  @Order(1)
  void bothSessionsComeUp() {
    for (String peer : List.of(PEER4, PEER6)) {
      await("session with BIRD at " + peer + " Established", 30,
          () -> lab.status(peer).state() == State.ESTABLISHED, BirdInteropIT::log);
    }
    String protocols = birdc("show protocols");
    assertTrue(protocols.lines().filter(l -> l.startsWith("outpost"))
        .allMatch(l -> l.contains("Established")), protocols);
  }

  @Test
  @Order(2)
  void birdsRoutesArriveWithTheirAttributes() {
    await("BIRD's routes in Outpost's Loc-RIB", 20, () -> !lab.paths("198.51.100.0/24")
        .isEmpty() && !lab.paths("2001:db8:2::/48").isEmpty(), BirdInteropIT::log);
    PathAttributes a = lab.paths("198.51.100.0/24").get(0).attributes();
    assertEquals("65002", AsPath.toString(a.asPath()));
    assertEquals(50, a.med());
    assertEquals("65002:100", Communities.format(a.communities()));
    assertEquals("65002:1:2", Communities.formatLarge(a.largeCommunities()));
    assertEquals(PEER4, a.nextHopAddress().getHostAddress());
    PathAttributes six = lab.paths("2001:db8:2::/48").get(0).attributes();
    assertEquals(address(PEER6), six.nextHopAddress());
    assertEquals(1, lab.paths("192.0.2.0/24").size());
    assertEquals(3, lab.status(PEER4).accepted().get(Family.IPV4_UNICAST));
  }

  @Test
  @Order(3)
  void ourRoutesArriveAtBirdWithTheirAttributes() {
    await("Outpost's routes in BIRD", 20, () -> birdc("show route 203.0.113.0/24 all")
        .contains("BGP.as_path: 65001") && birdc("show route 2001:db8:1::/48 all")
        .contains("BGP.as_path: 65001"), BirdInteropIT::log);
    String v4 = birdc("show route 203.0.113.0/24 all");
    assertTrue(v4.contains("BGP.next_hop: " + OURS4), v4);
    assertTrue(v4.contains("BGP.med: 10"), v4);
    assertTrue(v4.contains("BGP.community: (65001,7)"), v4);
    assertTrue(v4.contains("BGP.large_community: (65001, 8, 9)"), v4);
    String v6 = birdc("show route 2001:db8:1::/48 all");
    assertTrue(v6.contains("BGP.next_hop: " + OURS6), v6);
  }

  @Test
  @Order(4)
  void withdrawalsGoBothWays() {
    lab.withdraw("203.0.113.0/24");
    await("BIRD forgets 203.0.113.0/24", 20, () -> !birdc("show route 203.0.113.0/24")
        .contains("203.0.113.0/24"), BirdInteropIT::log);
    assertTrue(!lab.paths("198.18.0.0/15").isEmpty(), "198.18.0.0/15 is there before");
    birdc("disable s4b");
    await("Outpost forgets 198.18.0.0/15", 20, () -> lab.paths("198.18.0.0/15").isEmpty(),
        BirdInteropIT::log);
    assertEquals(1, lab.paths("192.0.2.0/24").size(), "the others stay");
  }

  @Test
  @Order(5)
  void aSessionThatDropsTakesItsRoutesAndComesBack() {
    birdc("disable outpost4");
    await("Outpost drops BIRD's IPv4 routes", 20, () -> lab.paths("192.0.2.0/24").isEmpty(),
        BirdInteropIT::log);
    List<Route> six = lab.paths("2001:db8:2::/48");
    assertEquals(1, six.size(), "the IPv6 session is another session");
    birdc("enable outpost4");
    await("the IPv4 session again", 30,
        () -> lab.status(PEER4).state() == State.ESTABLISHED
            && !lab.paths("192.0.2.0/24").isEmpty(), BirdInteropIT::log);
    assertTrue(lab.status(PEER4).lastNotificationReceived().contains("6/2"),
        lab.status(PEER4).toString());
  }
}
