package io.outpost.bgp.warmup;

import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.rib.LocRib;
import io.outpost.bgp.speaker.BgpSpeaker;
import io.outpost.bgp.speaker.PeerConfig;
import io.outpost.bgp.speaker.SpeakerConfig;
import io.outpost.bgp.wire.Family;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs the speaker's hot code on a synthetic table once, before the first real session, so
 * that the JIT compiler has compiled it by the time a peer sends a full table.
 *
 * <p>Why: a JVM starts with every method interpreted and compiles the hot ones while they run.
 * Measured on one core, the first full table into a fresh daemon took twice as long as the
 * same table into one that had taken a table before (benchmarks/README.md, "A full BGP
 * table"): most of the first feed ran in the interpreter and C1's profiling code, with C2
 * compiling beside it on the same core. JDK 25's AOT cache keeps classes and profiles, not
 * compiled code, so it shortens this but does not remove it. A router that has just booted
 * takes its tables then, so this is paid where it hurts most.
 *
 * <p>How: three speakers of our own on loopback, in the shape of a transit router: an
 * upstream (127.0.0.2) originates {@link WarmUpTable}'s routes, a transit speaker (127.0.0.1)
 * takes them over a real TCP session, through the same decoder, Adj-RIB-In, Loc-RIB and update
 * group as a production session, and passes them on to a downstream (127.0.0.3). Then the
 * upstream withdraws a quarter and changes another quarter, and finally goes away, so that
 * withdrawals and the session's end run too. The caller's listener (the control plane's
 * consumer of best routes) hears the transit speaker's changes. Every speaker is closed at the
 * end, and the warm-up then waits until the JIT compilers have been idle for a moment.
 *
 * <p>It never fails its caller: when loopback is down, a port is taken or the time budget runs
 * out, it stops, closes what it opened and says why in its {@link Result}. Nothing it did is
 * left behind but compiled code (and garbage for the next collection).
 */
public final class SpeakerWarmUp {
  private static final System.Logger LOG = System.getLogger("io.outpost.bgp");
  private static final long UPSTREAM_AS = 64512;
  private static final long TRANSIT_AS = 64513;
  private static final long DOWNSTREAM_AS = 64514;
  /**
   * How long a loopback session may take to come up (they take milliseconds): a session that
   * cannot (a port taken between choosing and binding it, a filter on loopback) ends the
   * warm-up early instead of holding the commit for the whole budget.
   */
  private static final long SESSION_MILLIS = 5_000;
  /** How long the JIT compilers must have been idle for the warm-up to end. */
  private static final long COMPILER_QUIET_MILLIS = 200;

  /**
   * What a warm-up did.
   *
   * @param completed every step ran; false: {@code why} says where it stopped
   * @param prefixes how many prefixes the transit speaker took
   * @param millis the warm-up's wall-clock time, the speakers' closing included
   */
  public record Result(boolean completed, int prefixes, long millis, String why) {}

  private final int ipv4;
  private final int ipv6;
  private final LocRib.Listener listener;
  private final long deadline;
  /** The JIT compilers' total time when last looked at, and when it last changed. */
  private long lastCompileMillis = -1;
  private long lastChangeAt;

  private SpeakerWarmUp(int ipv4, int ipv6, LocRib.Listener listener, Duration budget) {
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.listener = listener;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /**
   * Runs a warm-up of {@code ipv4} + {@code ipv6} prefixes (up to {@link WarmUpTable#MAX} each)
   * in at most about {@code budget}, telling {@code listener} (null for none) what the transit
   * speaker's Loc-RIB does.
   */
  public static Result run(int ipv4, int ipv6, LocRib.Listener listener, Duration budget) {
    long start = System.nanoTime();
    LOG.log(System.Logger.Level.INFO, "BGP warm-up: " + (ipv4 + ipv6) + " prefixes through"
        + " speakers of its own on 127.0.0.1 to 127.0.0.3 (their sessions' log lines are its)");
    SpeakerWarmUp warmUp = new SpeakerWarmUp(ipv4, ipv6, listener, budget);
    String why;
    try {
      why = warmUp.steps();
    } catch (IOException | RuntimeException e) {
      why = e.toString();
    }
    Result result = new Result(why == null, ipv4 + ipv6,
        (System.nanoTime() - start) / 1_000_000, why);
    LOG.log(System.Logger.Level.INFO, "BGP warm-up: " + (ipv4 + ipv6) + " prefixes in "
        + result.millis() + " ms" + (why == null ? "" : ", stopped early: " + why));
    return result;
  }

  /** Runs every step; null when all completed, else why not. */
  private String steps() throws IOException {
    WarmUpTable table = new WarmUpTable(ipv4, ipv6, 42);
    InetAddress transitAddress = InetAddress.getByName("127.0.0.1");
    InetAddress upstreamAddress = InetAddress.getByName("127.0.0.2");
    InetAddress downstreamAddress = InetAddress.getByName("127.0.0.3");
    int upstreamPort = freePort();
    int downstreamPort = freePort();
    if (!reachable(upstreamAddress)) {
      return "loopback (127.0.0.2) is not reachable";
    }
    List<BgpSpeaker> opened = new ArrayList<>();
    try {
      BgpSpeaker upstream = open(opened, SpeakerConfig.of(UPSTREAM_AS, 0x7f000002L)
          .withListenPort(upstreamPort));
      upstream.addPeer(neighbor(transitAddress, TRANSIT_AS, 0, 2).passive(true).build());
      BgpSpeaker downstream = open(opened, SpeakerConfig.of(DOWNSTREAM_AS, 0x7f000003L)
          .withListenPort(downstreamPort));
      downstream.addPeer(neighbor(transitAddress, TRANSIT_AS, 0, 3).passive(true).build());
      BgpSpeaker transit = open(opened, SpeakerConfig.of(TRANSIT_AS, 0x7f000001L));
      if (listener != null) {
        transit.addListener(listener);
      }
      transit.addPeer(neighbor(downstreamAddress, DOWNSTREAM_AS, downstreamPort, 1).build());
      if (!await(() -> established(transit, 1), SESSION_MILLIS)) {
        return "the downstream session did not come up";
      }

      upstream.onLoop(() -> {
        table.forEach(0, 1, false, upstream::originate);
        return null;
      });
      transit.addPeer(neighbor(upstreamAddress, UPSTREAM_AS, upstreamPort, 1).build());
      if (!await(() -> established(transit, 2), SESSION_MILLIS)) {
        return "the upstream session did not come up";
      }
      if (!await(() -> holds(downstream, ipv4, ipv6))) {
        return "the downstream peer did not get the whole table";
      }
      int[] left = {ipv4, ipv6};
      upstream.onLoop(() -> {
        table.forEach(0, 4, false, (f, hi, lo, length, a) -> {
          upstream.withdrawOriginated(f, hi, lo, length);
          left[f == Family.IPV4_UNICAST ? 0 : 1]--;
        });
        table.forEach(1, 4, true, upstream::originate);
        return null;
      });
      if (!await(() -> holds(downstream, left[0], left[1]))) {
        return "the downstream peer did not see the withdrawals";
      }
      upstream.close();
      opened.remove(upstream);
      if (!await(() -> holds(downstream, 0, 0))) {
        return "the upstream session's end did not reach the downstream peer";
      }
    } finally {
      for (BgpSpeaker s : opened) {
        s.close();
      }
    }
    return await(this::compilersQuiet) ? null : "the JIT compilers were still busy";
  }

  private static BgpSpeaker open(List<BgpSpeaker> opened, SpeakerConfig config) {
    BgpSpeaker speaker = new BgpSpeaker(config);
    opened.add(speaker);
    speaker.start();
    return speaker;
  }

  /**
   * Every session the same way: both families, take and send everything, and IPv6 routes sent
   * with 2001:db8::{@code self} as next hop (IPv4 ones with the session's own address).
   */
  private static PeerConfig.Builder neighbor(InetAddress address, long as, int port, int self)
      throws IOException {
    PeerConfig.Builder b = PeerConfig.builder(address, as).timers(90, 1)
        .families(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST))
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).gracefulRestartSeconds(0)
        .nextHopSelf(null, InetAddress.getByName("2001:db8::" + self))
        .description("warm-up");
    return port == 0 ? b : b.port(port);
  }

  private static boolean established(BgpSpeaker speaker, int sessions) {
    return speaker.peers().stream()
        .filter(p -> p.state() == State.ESTABLISHED).count() == sessions;
  }

  /** Whether {@code speaker} holds so many prefixes of each family. */
  private static boolean holds(BgpSpeaker speaker, int ipv4, int ipv6) {
    return speaker.ribSize(Family.IPV4_UNICAST) == ipv4
        && speaker.ribSize(Family.IPV6_UNICAST) == ipv6;
  }

  /** Polls {@code done} until it holds or the budget is spent. */
  private boolean await(BooleanSupplier done) {
    return awaitUntil(done, deadline);
  }

  /** Polls {@code done} until it holds, {@code maxMillis} pass or the budget is spent. */
  private boolean await(BooleanSupplier done, long maxMillis) {
    long cap = System.nanoTime() + maxMillis * 1_000_000;
    return awaitUntil(done, cap - deadline < 0 ? cap : deadline);
  }

  private static boolean awaitUntil(BooleanSupplier done, long until) {
    while (System.nanoTime() - until < 0) {
      if (done.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Whether the JIT compilers' total time has stood still for {@link #COMPILER_QUIET_MILLIS}. */
  private boolean compilersQuiet() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return true;
    }
    long total = jit.getTotalCompilationTime();
    long now = System.nanoTime() / 1_000_000;
    if (total != lastCompileMillis) {
      lastCompileMillis = total;
      lastChangeAt = now;
      return false;
    }
    return now - lastChangeAt >= COMPILER_QUIET_MILLIS;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean reachable(InetAddress address) {
    try (ServerSocket s = new ServerSocket(0, 1, address);
        Socket c = new Socket()) {
      c.connect(new InetSocketAddress(address, s.getLocalPort()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
