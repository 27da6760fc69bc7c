package io.outpost.controlplane.bgp;

import inet.ipaddr.IPAddress;
import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.speaker.BgpSpeaker;
import io.outpost.bgp.speaker.PeerConfig;
import io.outpost.bgp.speaker.SpeakerConfig;
import io.outpost.bgp.warmup.SpeakerWarmUp;
import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.log.Log;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the BGP speaker as {@code protocols bgp} and {@code policy} say, changing it in place:
 * a neighbor that is added, changed or removed is the only one touched, and one whose policy
 * changed gets its routes refreshed (soft, RFC 2918) rather than its session reset. Only a
 * change of the speaker's own settings (AS, router ID, port, multipath, MED comparison)
 * restarts it and with it every session, which the commit warns of.
 *
 * <p>Its best routes reach the routing table through {@link #routes()}.
 */
public final class BgpSubsystem implements Subsystem {
  private static final Log LOG = Log.get("bgp");

  /** The restart time we advertise as a helper: what FRR and BIRD advertise by default. */
  private static final int GRACEFUL_RESTART_SECONDS = 120;
  /**
   * IPv4 prefixes of the warm-up (and a quarter as many IPv6 ones): the system property
   * {@code outpost.bgp.warm-up}, 0 for none.
   */
  private static final int WARM_UP_IPV4 = Integer.getInteger("outpost.bgp.warm-up", 50_000);
  private static final AtomicBoolean WARMED_UP = new AtomicBoolean();
  private final BgpRoutes routes;
  private volatile BgpSpeaker speaker;
  private volatile BgpSettings settings;
  /** What each neighbor was last configured from; a neighbor is re-added when it differs. */
  private final Map<InetAddress, Fingerprint> applied = new HashMap<>();
  private final Set<IPAddress> originated = new HashSet<>();

  /** @param changed told (from the speaker's thread) whenever a best route changes */
  public BgpSubsystem(Runnable changed) {
    this.routes = new BgpRoutes(changed);
  }

  @Override
  public String name() {
    return "bgp";
  }

  @Override
  public Set<String> reads() {
    return Set.of("protocols", "policy");
  }

  /** The best routes, for the routing table. */
  public io.outpost.controlplane.routing.LearnedRoutes routes() {
    return routes;
  }

  /** The running speaker, if BGP is configured. */
  public Optional<BgpSpeaker> speaker() {
    return Optional.ofNullable(speaker);
  }

  /** How many BGP routes the routing table has now. */
  public int routeCount() {
    return routes.size();
  }

  /** The settings applied last, if BGP is configured. */
  Optional<BgpSettings> settings() {
    return Optional.ofNullable(settings);
  }

  @Override
  public void validate(ConfigTree candidate, List<ConfigError> errors) {
    Optional<BgpSettings> s = BgpSettings.read(candidate, errors);
    PolicyCompiler.compile(candidate, s.map(x -> x.speaker().localAs()).orElse(0L), errors);
  }

  /** A configuration ready to apply: its settings and each neighbor's speaker configuration. */
  private record Plan(BgpSettings settings, Map<InetAddress, PeerConfig> peers,
      Map<InetAddress, Fingerprint> fingerprints) {}

  /**
   * What a neighbor's speaker configuration was made from, compared by value: the merged
   * settings and the text of the policies it uses (a compiled policy has no equality).
   */
  private record Fingerprint(BgpSettings.Neighbor neighbor, String importPolicy,
      String exportPolicy) {}

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException {
    Plan plan = plan(candidate);
    BgpSettings before = settings;
    boolean restart = before != null && plan != null
        && !before.speaker().equals(plan.settings().speaker());
    return new Prepared() {
      @Override
      public void commit() {
        apply(plan);
      }

      @Override
      public void abort() {}

      @Override
      public List<String> warnings() {
        return restart ? List.of("BGP restarts: the speaker's own settings changed, so every"
            + " session is reset") : List.of();
      }
    };
  }

  private static Plan plan(ConfigTree candidate) throws ApplyException {
    List<ConfigError> errors = new ArrayList<>();
    Optional<BgpSettings> read = BgpSettings.read(candidate, errors);
    if (read.isEmpty()) {
      return null;
    }
    BgpSettings s = read.get();
    Map<String, PolicyCompiler.Compiled> policies = PolicyCompiler.compile(candidate,
        s.speaker().localAs(), errors);
    if (!errors.isEmpty()) {
      ConfigError first = errors.getFirst();
      throw new ApplyException(first.path(), first.message());
    }
    Map<InetAddress, PeerConfig> peers = new HashMap<>();
    Map<InetAddress, Fingerprint> fingerprints = new HashMap<>();
    for (BgpSettings.Neighbor n : s.neighbors().values()) {
      PolicyCompiler.Compiled in = n.importPolicy() == null ? null : policies.get(n.importPolicy());
      PolicyCompiler.Compiled out = n.exportPolicy() == null ? null
          : policies.get(n.exportPolicy());
      peers.put(n.address(), PeerConfig.builder(n.address(), n.remoteAs())
          .passive(n.passive())
          .timers(n.holdTime(), n.connectRetry())
          .families(n.families())
          .policies(policy(in), policy(out))
          .maxPrefixes(n.maxPrefixes(), n.maxPrefixRestartMinutes() * 60)
          .forceNextHopSelf(n.nextHopSelf())
          .password(n.password())
          .ttlSecurity(n.ttlSecurityHops())
          .routeReflectorClient(n.routeReflectorClient())
          .addPathReceive(n.addPathReceive()).addPathSend(n.addPathSend())
          .extendedNextHop(n.extendedNextHop())
          .gracefulRestartSeconds(n.gracefulRestartHelper() ? GRACEFUL_RESTART_SECONDS : 0)
          .description(n.description())
          .build());
      fingerprints.put(n.address(), new Fingerprint(n, in == null ? null : in.fingerprint(),
          out == null ? null : out.fingerprint()));
    }
    return new Plan(s, peers, fingerprints);
  }

  private static RoutePolicy policy(PolicyCompiler.Compiled c) {
    return c == null ? null : c.policy();
  }

  private synchronized void apply(Plan plan) {
    BgpSettings before = settings;
    if (plan == null) {
      stopSpeaker();
      return;
    }
    BgpSettings next = plan.settings();
    if (speaker == null || !before.speaker().equals(next.speaker())) {
      stopSpeaker();
      startSpeaker(next.speaker());
    }
    BgpSpeaker s = speaker;
    for (InetAddress address : new ArrayList<>(applied.keySet())) {
      BgpSettings.Neighbor n = next.neighbors().get(address);
      if (n == null) {
        s.removePeer(address);
        applied.remove(address);
        LOG.info("BGP neighbor removed", "neighbor", address.getHostAddress());
      } else if (n.shutdown()) {
        s.shutdownPeer(address, "shut down by configuration");
        applied.remove(address);
        LOG.info("BGP neighbor shut down", "neighbor", address.getHostAddress());
      }
    }
    for (BgpSettings.Neighbor n : next.neighbors().values()) {
      Fingerprint fingerprint = plan.fingerprints().get(n.address());
      if (!n.shutdown() && !fingerprint.equals(applied.get(n.address()))) {
        boolean added = !applied.containsKey(n.address());
        s.addPeer(plan.peers().get(n.address()));
        applied.put(n.address(), fingerprint);
        LOG.info(added ? "BGP neighbor added" : "BGP neighbor changed", "neighbor",
            n.address().getHostAddress(), "remote_as", n.remoteAs());
      }
    }
    Set<IPAddress> networks = new HashSet<>(next.networks());
    for (IPAddress gone : new ArrayList<>(originated)) {
      if (!networks.contains(gone)) {
        Prefixes.Key k = Prefixes.key(gone);
        s.withdrawOriginated(k.family(), k.hi(), k.lo(), k.length());
        originated.remove(gone);
      }
    }
    for (IPAddress network : networks) {
      if (originated.add(network)) {
        Prefixes.Key k = Prefixes.key(network);
        s.originate(k.family(), k.hi(), k.lo(), k.length(), PathAttributes.builder()
            .origin(PathAttributes.ORIGIN_IGP).asPath(AsPath.EMPTY).build());
      }
    }
    routes.distances(next.externalDistance(), next.internalDistance());
    settings = next;
  }

  private void startSpeaker(BgpSettings.Speaker s) {
    warmUp();
    SpeakerConfig config = SpeakerConfig.of(s.localAs(), s.routerId())
        .withListenPort(s.listenPort()).withMaximumPaths(s.maximumPaths())
        .withAlwaysCompareMed(s.alwaysCompareMed()).withClusterId(s.clusterId());
    BgpSpeaker started = new BgpSpeaker(config);
    started.addListener(routes);
    started.start();
    routes.source(started);
    speaker = started;
    LOG.info("BGP started", "local_as", s.localAs(), "port", s.listenPort());
  }

  /**
   * Once per process, before the first speaker starts: runs the speaker's code (and our
   * consumer's, on a scratch one) on a synthetic table over loopback, so that the first real
   * full table meets compiled code ({@link SpeakerWarmUp} says why and how).
   */
  private static void warmUp() {
    if (WARM_UP_IPV4 > 0 && WARMED_UP.compareAndSet(false, true)) {
      SpeakerWarmUp.run(WARM_UP_IPV4, WARM_UP_IPV4 / 4, new BgpRoutes(() -> { }),
          Duration.ofSeconds(20));
      // Its tables were promoted while it ran; collected now, their space holds the first
      // real table instead of the heap growing past them.
      System.gc();
    }
  }

  private void stopSpeaker() {
    BgpSpeaker s = speaker;
    if (s != null) {
      speaker = null;
      settings = null;
      routes.source(null);
      s.close();
      applied.clear();
      originated.clear();
      routes.clear();
      LOG.info("BGP stopped");
    }
  }

  @Override
  public synchronized void close() {
    stopSpeaker();
  }
}
