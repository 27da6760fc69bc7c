package io.outpost.bgp.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.KernelCounters;
import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;
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
  private BgpSpeaker connecting;
  private BgpSpeaker listening;

  @AfterEach
  void close() {
    for (BgpSpeaker s : new BgpSpeaker[] {connecting, listening}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void connectsOnceThePeerListensAndExchangesRoutes() throws Exception {
    int port = freePort();
    connecting = new BgpSpeaker(SpeakerConfig.of(65001, 0x01010101L).withListenPort(0));
    connecting.start();
    connecting.addPeer(neighbor(65002).port(port).build());
    connecting.originate(Family.IPV4_UNICAST, 0xcb007100L, 0, 24, igp());
    await("the first connect fails",
        () -> connecting.peers().getFirst().lastError().startsWith("connect"));

    listening = new BgpSpeaker(SpeakerConfig.of(65002, 0x02020202L).withListenPort(port));
    listening.start();
    listening.addPeer(neighbor(65001).passive(true).build());
    listening.originate(Family.IPV4_UNICAST, 0xc6336400L, 0, 24, igp());

    awaitEstablished();
    await("routes both ways", () -> connecting.ribSize(Family.IPV4_UNICAST) == 2
        && listening.ribSize(Family.IPV4_UNICAST) == 2);
    PathAttributes learned = connecting.paths(Family.IPV4_UNICAST, 0xc6336400L, 0, 24)
        .getFirst().attributes();
    assertEquals("65002", AsPath.toString(learned.asPath()));
    assertEquals(0x02020202L, connecting.peers().getFirst().remoteRouterId());
  }

  @Test
  void tcpMd5WithTheSamePasswordConnects() throws Exception {
    pair(c -> c.password("s3cret-md5"), l -> l.password("s3cret-md5"));
    awaitEstablished();
  }

  @Test
  void tcpMd5WithAWrongPasswordNeverConnectsAndTheKernelSaysWhy() throws Exception {
    refusedByTheKernel("TCPMD5Failure", c -> c.password("s3cret-md5"),
        l -> l.password("another"));
    assertEquals(0, connecting.peers().getFirst().establishedTransitions(), "no TCP at all");
  }

  @Test
  void tcpMd5RefusesAnUnsignedPeer() throws Exception {
    refusedByTheKernel("TCPMD5NotFound", c -> c, l -> l.password("s3cret-md5"));
    assertEquals(0, connecting.peers().getFirst().establishedTransitions(), "no TCP at all");
  }

  @Test
  void gtsmOnBothSidesConnects() throws Exception {
    pair(c -> c.ttlSecurity(1), l -> l.ttlSecurity(1));
    awaitEstablished();
  }

  /**
   * The connecting side sends at the default TTL 64. Its OPEN can arrive before the accepted
   * socket gets IP_MINTTL, so it may see our OPEN and KEEPALIVE and call itself Established;
   * its KEEPALIVE is dropped, so the protected side never is.
   */
  @Test
  void gtsmDropsWhatArrivesBelowTtl255() throws Exception {
    refusedByTheKernel("TCPMinTTLDrop", c -> c, l -> l.ttlSecurity(1));
  }

  /**
   * Pairs the speakers as configured and checks that the listening side's kernel drops
   * segments (its {@code counter} rises) and that the listening side has no session in the
   * three seconds after.
   */
  private void refusedByTheKernel(String counter, UnaryOperator<PeerConfig.Builder> connectingPeer,
      UnaryOperator<PeerConfig.Builder> listeningPeer) throws Exception {
    long before = kernelCounter(counter);
    pair(connectingPeer, listeningPeer);
    await("the kernel counts " + counter, () -> kernelCounter(counter) > before);
    Thread.sleep(3000);
    assertEquals(0, listening.peers().getFirst().establishedTransitions());
  }

  /**
   * A connecting speaker (AS 65001, not listening) and a listening one (AS 65002, passive),
   * each neighbor configured by the caller on top of the usual: IPv4 unicast, hold 9 s, retry
   * 1 s, everything accepted.
   */
  private void pair(UnaryOperator<PeerConfig.Builder> connectingPeer,
      UnaryOperator<PeerConfig.Builder> listeningPeer) throws Exception {
    int port = freePort();
    listening = new BgpSpeaker(SpeakerConfig.of(65002, 0x02020202L).withListenPort(port));
    listening.start();
    listening.addPeer(listeningPeer.apply(neighbor(65001).passive(true)).build());
    connecting = new BgpSpeaker(SpeakerConfig.of(65001, 0x01010101L).withListenPort(0));
    connecting.start();
    connecting.addPeer(connectingPeer.apply(neighbor(65002).port(port)).build());
  }

  private static PeerConfig.Builder neighbor(long as) {
    return PeerConfig.builder(LOOPBACK, as).timers(9, 1).families(Set.of(Family.IPV4_UNICAST))
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT);
  }

  private void awaitEstablished() throws InterruptedException {
    await("both Established", () -> connecting.peers().getFirst().state() == State.ESTABLISHED
        && listening.peers().getFirst().state() == State.ESTABLISHED);
  }

  /** A TcpExt counter of this network namespace's kernel (/proc/net/netstat). */
  private static long kernelCounter(String name) {
    try {
      return KernelCounters.tcpExt(Files.readString(Path.of("/proc/net/netstat")), name);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
