package io.outpost.bgp.interop;

import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.outpost.bgp.KernelCounters;
import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.speaker.BgpSpeaker;
import io.outpost.bgp.speaker.PeerStatus;
import io.outpost.bgp.speaker.SpeakerConfig;
import io.outpost.bgp.wire.Family;
import io.outpost.dataplane.kernel.NetworkNamespaceThread;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The lab every interop test shares: a namespace {@code outpost} whose sockets the speaker (in
 * this JVM) makes through {@link NetworkNamespaceThread}, linked to a namespace {@code peer}
 * where the real daemon runs. Link addresses: 10.0.1.1/24, fd00:1::1/64 and 10.0.2.1/24 (the
 * TCP-MD5 and GTSM session) on our side, 10.0.1.2, fd00:1::2 and 10.0.2.2 on the peer's. Our
 * AS is 65001, the peer's 65002.
 */
final class SpeakerLab implements AutoCloseable {
  static final long OUR_AS = 65001;
  static final long PEER_AS = 65002;
  static final String OURS4 = "10.0.1.1";
  static final String OURS6 = "fd00:1::1";
  static final String PEER4 = "10.0.1.2";
  static final String PEER6 = "fd00:1::2";
  /** A third session, signed with TCP-MD5 and protected by GTSM on both sides. */
  static final String OURS_SECURE = "10.0.2.1";
  static final String PEER_SECURE = "10.0.2.2";
  static final String MD5_PASSWORD = "outpost-md5";

  final Lab lab;
  final Host outpost;
  final Host peer;
  final BgpSpeaker speaker;

  SpeakerLab(String label) {
    lab = Lab.create(label);
    try {
      outpost = lab.host("outpost");
      peer = lab.host("peer");
      lab.link(outpost, "eth0", peer, "eth0");
      outpost.address("eth0", OURS4 + "/24").address("eth0", OURS6 + "/64")
          .address("eth0", OURS_SECURE + "/24");
      peer.address("eth0", PEER4 + "/24").address("eth0", PEER6 + "/64")
          .address("eth0", PEER_SECURE + "/24");
      Path ns = Path.of("/run/netns", outpost.netns());
      Supplier<EpollSocketChannel> sockets = () ->
          NetworkNamespaceThread.call(ns, EpollSocketChannel::new);
      Supplier<EpollServerSocketChannel> servers = () ->
          NetworkNamespaceThread.call(ns, EpollServerSocketChannel::new);
      speaker = new BgpSpeaker(SpeakerConfig.of(OUR_AS, ipv4(OURS4))
          .withSockets(sockets, servers));
      speaker.start();
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  static long ipv4(String dotted) {
    long v = 0;
    for (String part : dotted.split("\\.")) {
      v = v << 8 | Integer.parseInt(part);
    }
    return v;
  }

  static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** Prefix key words of {@code text} ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
  static long[] key(String text) {
    String[] parts = text.split("/");
    byte[] a = address(parts[0]).getAddress();
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < a.length; i++) {
      if (a.length == 4) {
        hi = hi << 8 | (a[i] & 0xff);
      } else if (i < 8) {
        hi = hi << 8 | (a[i] & 0xff);
      } else {
        lo = lo << 8 | (a[i] & 0xff);
      }
    }
    return new long[] {hi, lo, Integer.parseInt(parts[1])};
  }

  static Family family(String prefix) {
    return prefix.contains(":") ? Family.IPV6_UNICAST : Family.IPV4_UNICAST;
  }

  /** Every path the speaker has to {@code prefix}, best first. */
  List<Route> paths(String prefix) {
    long[] k = key(prefix);
    return speaker.paths(family(prefix), k[0], k[1], (int) k[2]);
  }

  /** Originates {@code prefix} from Outpost with MED 10, a community and a large community. */
  void originate(String prefix) {
    long[] k = key(prefix);
    speaker.originate(family(prefix), k[0], k[1], (int) k[2], PathAttributes.builder()
        .origin(PathAttributes.ORIGIN_IGP).asPath(AsPath.EMPTY).med(10)
        .communities(new int[] {Communities.parse("65001:7")})
        .largeCommunities(Communities.parseLarge("65001:8:9")).build());
  }

  void withdraw(String prefix) {
    long[] k = key(prefix);
    speaker.withdrawOriginated(family(prefix), k[0], k[1], (int) k[2]);
  }

  PeerStatus status(String address) {
    return speaker.peers().stream().filter(p -> address(p.address()).equals(address(address)))
        .findFirst().orElseThrow();
  }
  /** Waits, 60 s at most, until the session with each of {@code peers} (at {@code who}) is up. */
  void awaitEstablished(String who, List<String> peers, Supplier<String> log) {
    for (String peer : peers) {
      await("session with " + who + " at " + peer + " Established", 60,
          () -> status(peer).state() == State.ESTABLISHED, log);
    }
  }


  /** A TcpExt counter of {@code host}'s kernel (/proc/net/netstat in its namespace). */
  static long kernelCounter(Host host, String name) {
    return KernelCounters.tcpExt(host.exec("cat", "/proc/net/netstat").stdout(), name);
  }

  /** Waits up to {@code seconds} for {@code condition}; fails with {@code what} otherwise. */
  static void await(String what, int seconds, BooleanSupplier condition, Supplier<String> log) {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + seconds + " s: " + what + "\n" + log.get());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    try {
      speaker.close();
    } finally {
      lab.close();
    }
  }
}
