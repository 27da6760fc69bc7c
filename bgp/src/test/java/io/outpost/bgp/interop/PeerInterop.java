package io.outpost.bgp.interop;

import static io.outpost.bgp.interop.SpeakerLab.PEER4;
import static io.outpost.bgp.interop.SpeakerLab.PEER6;
import static io.outpost.bgp.interop.SpeakerLab.PEER_SECURE;
import static io.outpost.bgp.interop.SpeakerLab.address;
import static io.outpost.bgp.interop.SpeakerLab.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.speaker.PeerConfig;
import io.outpost.bgp.wire.Family;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What every real peer is checked for, each daemon a subclass that knows how to configure,
 * ask and steer it: one session over IPv4 carrying IPv4 unicast and one over IPv6 carrying
 * IPv6 unicast; the peer's routes arrive with AS path, MED, communities and large communities;
 * ours arrive at the peer with theirs; withdrawals both ways; a reset session comes back.
 *
 * <p>The peer (AS 65002) originates 192.0.2.0/24, 198.51.100.0/24 (MED 50, community
 * 65002:100, large community 65002:1:2), 198.18.0.0/15 and 2001:db8:2::/48. Outpost (AS 65001)
 * originates 203.0.113.0/24 and 2001:db8:1::/48 with MED 10, 65001:7 and 65001:8:9.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PeerInterop {
  protected SpeakerLab lab;

  /** Writes the daemon's configuration into the lab's work directory and starts it. */
  abstract void startPeer();

  /** The daemon's text for its best route to {@code prefix}; blank when it has none. */
  abstract String peerRoute(String prefix);

  /** Makes the daemon withdraw 198.18.0.0/15. */
  abstract void peerWithdrawsOne();

  /** Makes the daemon end the IPv4 session and start it again. */
  abstract void peerResetsIpv4Session();

  /** Makes the daemon announce 192.0.2.128/25 until it restarts (not in its configuration). */
  abstract void peerAnnouncesUntilRestart();

  /** Kills the daemon (SIGKILL): its sessions end without a NOTIFICATION. */
  abstract void peerCrashes();

  /** The daemon's log and state, for failure messages. */
  abstract String peerLog();

  /** What the daemon's text shows for our 203.0.113.0/24: AS path, MED, communities. */
  abstract List<String> ourAttributesAsPeerShowsThem();

  String name() {
    return getClass().getSimpleName().replace("InteropIT", "");
  }

  @BeforeAll
  void start() {
    lab = new SpeakerLab("bgp-" + name().toLowerCase());
    startPeer();
    lab.speaker.addPeer(PeerConfig.builder(address(PEER4), SpeakerLab.PEER_AS)
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).build());
    lab.speaker.addPeer(PeerConfig.builder(address(PEER6), SpeakerLab.PEER_AS)
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).timers(9, 1)
        .families(Set.of(Family.IPV6_UNICAST)).build());
    lab.originate("203.0.113.0/24");
    lab.originate("2001:db8:1::/48");
  }

  @AfterAll
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void bothSessionsComeUp() {
    lab.awaitEstablished(name(), List.of(PEER4, PEER6), this::peerLog);
  }

  @Test
  @Order(2)
  void thePeersRoutesArriveWithTheirAttributes() {
    await(name() + "'s routes in Outpost's Loc-RIB", 30, () -> !lab.paths("198.51.100.0/24")
        .isEmpty() && !lab.paths("2001:db8:2::/48").isEmpty()
        && !lab.paths("198.18.0.0/15").isEmpty(), this::peerLog);
    PathAttributes a = lab.paths("198.51.100.0/24").get(0).attributes();
    assertEquals("65002", AsPath.toString(a.asPath()));
    assertEquals(50, a.med());
    assertEquals("65002:100", Communities.format(a.communities()));
    assertEquals("65002:1:2", Communities.formatLarge(a.largeCommunities()));
    assertEquals(address(PEER4), a.nextHopAddress());
    assertEquals(address(PEER6), lab.paths("2001:db8:2::/48").get(0).attributes()
        .nextHopAddress());
    assertEquals(1, lab.paths("192.0.2.0/24").size());
    assertEquals(3, lab.status(PEER4).accepted().get(Family.IPV4_UNICAST));
  }

  @Test
  @Order(3)
  void ourRoutesArriveAtThePeerWithTheirAttributes() {
    await("Outpost's routes at " + name(), 30, () -> !peerRoute("203.0.113.0/24").isBlank()
        && !peerRoute("2001:db8:1::/48").isBlank(), this::peerLog);
    String v4 = peerRoute("203.0.113.0/24");
    for (String expected : ourAttributesAsPeerShowsThem()) {
      assertTrue(v4.contains(expected), "'" + expected + "' in:\n" + v4);
    }
    assertTrue(v4.contains(SpeakerLab.OURS4), "next hop " + SpeakerLab.OURS4 + " in:\n" + v4);
    String v6 = peerRoute("2001:db8:1::/48");
    assertTrue(v6.contains(SpeakerLab.OURS6), "next hop " + SpeakerLab.OURS6 + " in:\n" + v6);
  }

  @Test
  @Order(4)
  void withdrawalsGoBothWays() {
    lab.withdraw("203.0.113.0/24");
    await(name() + " forgets 203.0.113.0/24", 30, () -> peerRoute("203.0.113.0/24").isBlank(),
        this::peerLog);
    peerWithdrawsOne();
    await("Outpost forgets 198.18.0.0/15", 30, () -> lab.paths("198.18.0.0/15").isEmpty(),
        this::peerLog);
    assertEquals(1, lab.paths("192.0.2.0/24").size(), "the others stay");
    assertFalse(peerRoute("2001:db8:1::/48").isBlank(), "and ours stay");
  }

  @Test
  @Order(5)
  void aResetSessionTakesItsRoutesAndComesBack() {
    long before = lab.status(PEER4).establishedTransitions();
    peerResetsIpv4Session();
    await("the IPv4 session again, with its routes", 60,
        () -> lab.status(PEER4).establishedTransitions() > before
            && lab.status(PEER4).state() == State.ESTABLISHED
            && !lab.paths("192.0.2.0/24").isEmpty(), this::peerLog);
    assertFalse(lab.status(PEER4).lastNotificationReceived().isEmpty(),
        "the peer said why: " + lab.status(PEER4));
    assertEquals(1, lab.paths("2001:db8:2::/48").size(), "the IPv6 session is another session");
  }

  @Test
  @Order(6)
  void anImportPolicyChangeFiltersWithoutResettingTheSession() {
    long transitions = lab.status(PEER6).establishedTransitions();
    long[] blocked = SpeakerLab.key("2001:db8:2::/48");
    RoutePolicy rejectOne = (family, hi, lo, length, attributes) -> hi == blocked[0]
        && lo == blocked[1] && length == blocked[2] ? null : attributes;
    lab.speaker.addPeer(PeerConfig.builder(address(PEER6), SpeakerLab.PEER_AS)
        .policies(rejectOne, RoutePolicy.ACCEPT).timers(9, 1)
        .families(Set.of(Family.IPV6_UNICAST)).build());
    await("the filtered route leaves the Loc-RIB", 10,
        () -> lab.paths("2001:db8:2::/48").isEmpty(), this::peerLog);
    assertTrue(lab.status(PEER6).received().get(Family.IPV6_UNICAST) >= 1,
        "still received: the Adj-RIB-In keeps it before policy (FRR also sends our own route"
            + " back, which loop detection keeps out of the Loc-RIB)");
    assertEquals(0, lab.status(PEER6).accepted().get(Family.IPV6_UNICAST));
    assertEquals(transitions, lab.status(PEER6).establishedTransitions(), "no session reset");
    assertEquals(State.ESTABLISHED, lab.status(PEER6).state());
  }

  @Test
  @Order(7)
  void maxPrefixEndsTheSessionWithCeaseMaximumPrefixes() {
    lab.speaker.addPeer(PeerConfig.builder(address(PEER4), SpeakerLab.PEER_AS)
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).maxPrefixes(1, 0).build());
    peerResetsIpv4Session();
    await("Cease 6/1 sent once the peer sends its second prefix", 60,
        () -> lab.status(PEER4).lastNotificationSent().startsWith("NOTIFICATION 6/1"),
        () -> lab.status(PEER4) + "\n" + peerLog());
    await("the session stays down (no restart time configured)", 10,
        () -> lab.status(PEER4).state() != State.ESTABLISHED, this::peerLog);
    assertTrue(lab.paths("192.0.2.0/24").isEmpty(), "its routes are gone");
  }

  @Test
  @Order(8)
  void tcpMd5AndGtsmConnectWithTheRightPasswordOnly() throws InterruptedException {
    long failures = md5Failures();
    lab.speaker.addPeer(secureNeighbor("not-the-password"));
    await("a kernel refuses a segment signed with the wrong key", 30,
        () -> md5Failures() > failures, this::peerLog);
    Thread.sleep(3000);
    assertEquals(0, lab.status(PEER_SECURE).establishedTransitions(), "no session");

    lab.speaker.addPeer(secureNeighbor(SpeakerLab.MD5_PASSWORD));
    await("the signed session with " + name() + " Established (the peer drops what it gets"
        + " below TTL 255)", 60, () -> lab.status(PEER_SECURE).state() == State.ESTABLISHED,
        this::peerLog);
    await(name() + "'s two IPv4 routes still originated (198.18.0.0/15 was withdrawn) over it",
        30, () -> lab.status(PEER_SECURE).accepted().getOrDefault(Family.IPV4_UNICAST, 0) == 2,
        () -> lab.status(PEER_SECURE) + "\n" + peerLog());
  }

  private PeerConfig secureNeighbor(String password) {
    return PeerConfig.builder(address(PEER_SECURE), SpeakerLab.PEER_AS)
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).password(password).ttlSecurity(1).build();
  }

  /** Segments with a wrong TCP-MD5 signature, as both kernels count them. */
  private long md5Failures() {
    return SpeakerLab.kernelCounter(lab.peer, "TCPMD5Failure")
        + SpeakerLab.kernelCounter(lab.outpost, "TCPMD5Failure");
  }

  /**
   * The peer restarts while we are its graceful-restart helper: its routes stay (stale) while
   * it is away, are current again once it is back, and are swept when it stays away longer
   * than the restart time it advertised (8 s on the secure session).
   */
  @Test
  @Order(9)
  void gracefulRestartKeepsThePeersRoutesUntilItIsBackOrItsRestartTimeRunsOut() {
    await("the secure session with its routes", 60,
        () -> lab.status(PEER_SECURE).state() == State.ESTABLISHED
            && !lab.paths("192.0.2.0/24").isEmpty(), this::peerLog);
    assertEquals(8, lab.status(PEER_SECURE).peerRestartSeconds(), lab.status(PEER_SECURE)
        .toString());
    long sessions = lab.status(PEER_SECURE).establishedTransitions();
    peerAnnouncesUntilRestart();
    await("the route announced until the restart", 30,
        () -> !lab.paths("192.0.2.128/25").isEmpty(), this::peerLog);

    peerCrashes();
    await("the session down, its routes kept as stale", 10,
        () -> lab.status(PEER_SECURE).state() != State.ESTABLISHED
            && lab.status(PEER_SECURE).staleRoutes() >= 3, () -> lab.status(PEER_SECURE) + "");
    assertFalse(lab.paths("192.0.2.0/24").isEmpty(), "still in the Loc-RIB");
    assertFalse(lab.paths("192.0.2.128/25").isEmpty(), "still in the Loc-RIB");

    startPeer();
    await("the peer back, its routes current again", 60,
        () -> lab.status(PEER_SECURE).establishedTransitions() > sessions
            && lab.status(PEER_SECURE).state() == State.ESTABLISHED
            && lab.status(PEER_SECURE).staleRoutes() == 0
            && !lab.paths("192.0.2.0/24").isEmpty(),
        () -> lab.status(PEER_SECURE) + "\n" + peerLog());
    assertTrue(lab.paths("192.0.2.128/25").isEmpty(), "not sent again: swept");

    peerCrashes();
    await("the routes kept as stale again", 10,
        () -> lab.status(PEER_SECURE).staleRoutes() >= 2, () -> lab.status(PEER_SECURE) + "");
    long keptAt = System.nanoTime();
    await("swept once the restart time has run out", 30,
        () -> lab.paths("192.0.2.0/24").isEmpty() && lab.status(PEER_SECURE).staleRoutes() == 0,
        () -> lab.status(PEER_SECURE) + "");
    long keptMillis = (System.nanoTime() - keptAt) / 1_000_000;
    assertTrue(keptMillis >= 6000, "kept for the 8 s restart time (less the time to notice the"
        + " session was gone), not " + keptMillis + " ms");
    assertEquals(0, lab.status(PEER_SECURE).accepted().get(Family.IPV4_UNICAST));
  }
}
