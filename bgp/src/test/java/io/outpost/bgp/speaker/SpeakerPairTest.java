package io.outpost.bgp.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Outpost speakers in one JVM, over loopback: Outpost is its own first interop peer. The
 * real daemons are in the interop suite; this covers what they cannot make happen on demand,
 * such as a peer that is not listening yet when we first connect.
 */
class SpeakerPairTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private BgpSpeaker a;
  private BgpSpeaker b;

  @AfterEach
  void close() {
    for (BgpSpeaker s : new BgpSpeaker[] {a, b}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void connectsOnceThePeerListensAndExchangesRoutes() throws Exception {
    int port = freePort();
    a = new BgpSpeaker(SpeakerConfig.of(65001, 0x01010101L).withListenPort(0));
    a.start();
    a.addPeer(PeerConfig.builder(LOOPBACK, 65002).port(port).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST))
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).build());
    a.originate(Family.IPV4_UNICAST, 0xcb007100L, 0, 24, igp());
    await("A's first connect fails", () -> a.peers().getFirst().lastError().startsWith("connect"));

    b = new BgpSpeaker(SpeakerConfig.of(65002, 0x02020202L).withListenPort(port));
    b.start();
    b.addPeer(PeerConfig.builder(LOOPBACK, 65001).passive(true).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST))
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).build());
    b.originate(Family.IPV4_UNICAST, 0xc6336400L, 0, 24, igp());

    await("both Established", () -> a.peers().getFirst().state() == State.ESTABLISHED
        && b.peers().getFirst().state() == State.ESTABLISHED);
    await("routes both ways", () -> a.ribSize(Family.IPV4_UNICAST) == 2
        && b.ribSize(Family.IPV4_UNICAST) == 2);
    PathAttributes learned = a.paths(Family.IPV4_UNICAST, 0xc6336400L, 0, 24).getFirst()
        .attributes();
    assertEquals("65002", io.outpost.bgp.attr.AsPath.toString(learned.asPath()));
    assertEquals(0x02020202L, a.peers().getFirst().remoteRouterId());
  }

  private static PathAttributes igp() {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP).build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
      Thread.sleep(50);
    }
  }
}
