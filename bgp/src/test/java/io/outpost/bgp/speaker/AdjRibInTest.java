package io.outpost.bgp.speaker;

import static io.outpost.bgp.speaker.SpeakerPairTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Adj-RIB-In kept as Loc-RIB paths plus the exceptions import policy made
 * ({@link AdjRibIn}), between two of our speakers over loopback: a feeder (AS 65002) sends three
 * prefixes to the hub (AS 65000), whose import policy takes one unchanged, changes one and
 * rejects one. Received-routes shows all three as they came, the Loc-RIB what policy made of
 * them, and the counts and the attribute interner follow every change, soft-in, withdrawal and
 * the end of the session.
 */
class AdjRibInTest {
  private static final long TAKEN = 0xc6336400L; // 198.51.100.0/24: accepted as it came
  private static final long CHANGED = 0xc6336500L; // 198.51.101.0/24: local-pref 300 set
  private static final long REJECTED = 0xc6336600L; // 198.51.102.0/24
  private BgpSpeaker hub;
  private BgpSpeaker feeder;

  @AfterEach
  void close() {
    for (BgpSpeaker s : new BgpSpeaker[] {hub, feeder}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void receivedRoutesAreAsTheyCameAndTheLocRibAsPolicyMadeThemThroughEveryChange()
      throws Exception {
    RoutePolicy policy = (f, hi, lo, length, a) -> hi == REJECTED ? null
        : hi == CHANGED ? a.toBuilder().localPref(300).build() : a;
    feeder = new BgpSpeaker(SpeakerConfig.of(65002, 0x02020202L).withListenPort(freePort()));
    feeder.start();
    feeder.addPeer(PeerConfig.builder(InetAddress.getByName("127.0.0.1"), 65000).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT)
        .passive(true).gracefulRestartSeconds(0).build()); // its end is no restart
    hub = new BgpSpeaker(SpeakerConfig.of(65000, 0x01010101L).withListenPort(0));
    hub.start();
    hub.addPeer(neighbor(policy));
    await("session", () -> hub.peers().size() == 1
        && hub.peers().getFirst().state() == State.ESTABLISHED);

    for (long p : new long[] {TAKEN, CHANGED, REJECTED}) {
      feeder.originate(Family.IPV4_UNICAST, p, 0, 24, med(10));
    }
    await("three received", () -> received() == 3);
    assertEquals(2, accepted());
    assertEquals(Map.of(TAKEN, -1L, CHANGED, -1L, REJECTED, -1L),
        received(PathAttributes::localPref),
        "received-routes: as they came, the rejected one too");
    assertEquals(-1, path(TAKEN).attributes().localPref());
    assertEquals(300, path(CHANGED).attributes().localPref());
    assertEquals(List.of(), hub.paths(Family.IPV4_UNICAST, REJECTED, 0, 24));
    assertEquals(1, internerSize(), "one attribute set, however it is kept");

    // A new announcement of each replaces what was received, wherever it was kept.
    for (long p : new long[] {TAKEN, CHANGED, REJECTED}) {
      feeder.originate(Family.IPV4_UNICAST, p, 0, 24, med(20));
    }
    await("the new MEDs arrive", () -> medOf(TAKEN) == 20 && medOf(CHANGED) == 20
        && receivedMedOf(REJECTED) == 20);
    assertEquals(3, received());
    assertEquals(2, accepted());
    assertEquals(1, internerSize(), "the old set let go of");

    // Soft in with a policy that takes everything as it is: the changed and the rejected
    // paths come back from what was received.
    hub.addPeer(neighbor(RoutePolicy.ACCEPT));
    hub.softReset(InetAddress.getByName("127.0.0.2"), true, false);
    await("all three accepted", () -> accepted() == 3);
    assertEquals(-1, path(CHANGED).attributes().localPref());
    assertEquals(20, path(REJECTED).attributes().med());
    assertSame(path(TAKEN).attributes(), path(REJECTED).attributes(),
        "taken unchanged: the received (interned) instance itself");
    assertEquals(3, received());

    // And back: soft in with the first policy makes the same exceptions again.
    hub.addPeer(neighbor(policy));
    hub.softReset(InetAddress.getByName("127.0.0.2"), true, false);
    await("two accepted again", () -> accepted() == 2);
    assertEquals(300, path(CHANGED).attributes().localPref());
    assertEquals(Map.of(TAKEN, -1L, CHANGED, -1L, REJECTED, -1L),
        received(PathAttributes::localPref));

    feeder.withdrawOriginated(Family.IPV4_UNICAST, CHANGED, 0, 24);
    feeder.withdrawOriginated(Family.IPV4_UNICAST, REJECTED, 0, 24);
    await("two withdrawn", () -> received() == 1);
    assertEquals(1, accepted());
    assertEquals(Map.of(TAKEN, 20L), received(PathAttributes::med));
    assertEquals(1, internerSize());

    // The session ends (no graceful restart): everything goes, and nothing is left referenced.
    feeder.originate(Family.IPV4_UNICAST, REJECTED, 0, 24, med(30));
    await("the rejected one again", () -> received() == 2);
    feeder.close();
    feeder = null;
    await("all gone", () -> received() == 0 && accepted() == 0);
    assertEquals(List.of(), hub.paths(Family.IPV4_UNICAST, TAKEN, 0, 24));
    assertEquals(0, internerSize());
  }

  private PeerConfig neighbor(RoutePolicy importPolicy) throws Exception {
    return PeerConfig.builder(InetAddress.getByName("127.0.0.2"), 65002).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).policies(importPolicy, RoutePolicy.ACCEPT)
        .port(feeder == null ? 179 : feeder.config().listenPort()).build();
  }

  private int received() {
    return hub.peers().getFirst().received().get(Family.IPV4_UNICAST);
  }

  private int accepted() {
    return hub.peers().getFirst().accepted().get(Family.IPV4_UNICAST);
  }

  private Route path(long prefix) {
    List<Route> paths = hub.paths(Family.IPV4_UNICAST, prefix, 0, 24);
    return paths.isEmpty() ? null : paths.getFirst();
  }

  /** The MED of the prefix's path in the Loc-RIB; -2 when it has none. */
  private long medOf(long prefix) {
    Route r = path(prefix);
    return r == null ? -2 : r.attributes().med();
  }

  private long receivedMedOf(long prefix) {
    try {
      return received(PathAttributes::med).getOrDefault(prefix, -2L);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Received-routes: per prefix, one attribute of what was received. */
  private Map<Long, Long> received(java.util.function.ToLongFunction<PathAttributes> attribute)
      throws Exception {
    Map<Long, Long> out = new TreeMap<>();
    for (BgpSpeaker.PrefixRoute r : hub.neighborRoutes(InetAddress.getByName("127.0.0.2"),
        false, 100)) {
      out.put(r.hi(), attribute.applyAsLong(r.attributes()));
    }
    return out;
  }

  private int internerSize() throws Exception {
    return hub.onLoop(() -> hub.interner().size());
  }

  private static PathAttributes med(long med) {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP).med(med).build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
