package io.outpost.controlplane.routing;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The routing information base: every offered route per prefix, which one is selected (lowest
 * administrative distance among the usable ones), and how each gateway resolves to an outgoing
 * interface, recursively through other routes.
 *
 * <p>An immutable snapshot of the configured (connected and static) routes, rebuilt when the
 * configuration changes and swapped in at commit. Learned routes (BGP's) stay out of it: a
 * {@link Selection} weighs them against these entries prefix by prefix, so a full table never
 * costs a rebuild. Gateways resolve through connected and static routes only, as an IGP-less
 * edge router's BGP next hops do (BGP over BGP recursion is not supported). {@code show route}
 * builds one with the learned routes in it too, on demand.
 */
public final class Rib {
  /** How deep a gateway may resolve through other gateways before we call it a loop. */
  static final int MAX_RECURSION = 8;

  /** A route in the RIB with what resolution made of it. */
  public record Candidate(Route route, boolean usable, String why, List<Resolved> resolved) {
    /**
     * Where the route sends packets, for whoever programs it (the data plane's FIB, the
     * kernel): an interface route's interface with no gateway, or each resolved gateway's
     * interface and on-link neighbor, without repeats; empty for blackhole and reject.
     */
    public List<WayOut> waysOut() {
      List<WayOut> out = new java.util.ArrayList<>();
      switch (route.kind()) {
        case INTERFACE -> out.add(new WayOut(route.interfaceName(), null));
        case GATEWAY -> {
          for (Resolved r : resolved) {
            WayOut w = new WayOut(r.interfaceName(), r.neighbor());
            if (r.interfaceName() != null && !out.contains(w)) {
              out.add(w);
            }
          }
        }
        default -> {
          // blackhole, reject: no way out
        }
      }
      return out;
    }
  }

  /** An interface and the neighbor on it to send to (null: the destination is on the link). */
  public record WayOut(String interfaceName, IPAddress gateway) {}

  /**
   * A gateway and what it resolved to: the outgoing interface (null if it did not resolve) and
   * the neighbor on that interface to send to — the gateway itself when it is on a connected
   * subnet, else the gateway of the route it resolved through, recursively.
   */
  public record Resolved(Route.NextHop nextHop, String interfaceName, IPAddress neighbor) {}

  /** One prefix: its candidates, best first; the first usable one is selected. */
  public record Entry(IPAddress prefix, List<Candidate> candidates) {
    public Optional<Candidate> selected() {
      return candidates.stream().filter(Candidate::usable).findFirst();
    }
  }

  private final List<Entry> entries;
  private final Resolver resolver;

  private Rib(List<Entry> entries, Resolver resolver) {
    this.entries = List.copyOf(entries);
    this.resolver = resolver;
  }

  public static Rib empty() {
    return build(List.of());
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Every route offered, selected or not. */
  public List<Route> routes() {
    return entries.stream().flatMap(e -> e.candidates().stream()).map(Candidate::route).toList();
  }

  /** Builds the RIB from every offered route. */
  public static Rib build(List<Route> routes) {
    List<Route> sorted = new ArrayList<>(routes);
    sorted.sort(Comparator.comparing(Route::prefix, Rib::comparePrefixes)
        .thenComparingInt(Route::distance).thenComparing(Route::protocol));
    Resolver resolver = new Resolver(sorted);
    List<Entry> entries = new ArrayList<>();
    List<Candidate> current = new ArrayList<>();
    IPAddress prefix = null;
    for (Route r : sorted) {
      if (prefix != null && !prefix.equals(r.prefix())) {
        entries.add(new Entry(prefix, current));
        current = new ArrayList<>();
      }
      prefix = r.prefix();
      current.add(resolver.candidate(r));
    }
    if (prefix != null) {
      entries.add(new Entry(prefix, current));
    }
    return new Rib(entries, resolver);
  }

  /**
   * Where packets to {@code gateways} go, each resolved through this RIB's connected and static
   * routes, without repeats; empty when none resolves. For learned routes (see
   * {@link Selection}), which are not entries of the RIB.
   */
  public List<WayOut> resolve(List<java.net.InetAddress> gateways) {
    List<WayOut> out = new ArrayList<>();
    for (java.net.InetAddress g : gateways) {
      Resolved r = resolver.resolve(new Route.NextHop(PrefixWords.address(g), null), null, 0);
      WayOut w = new WayOut(r.interfaceName(), r.neighbor());
      if (r.interfaceName() != null && !out.contains(w)) {
        out.add(w);
      }
    }
    return List.copyOf(out);
  }

  static int comparePrefixes(IPAddress a, IPAddress b) {
    if (a.isIPv4() != b.isIPv4()) {
      return a.isIPv4() ? -1 : 1;
    }
    int c = a.getLower().compareTo(b.getLower());
    return c != 0 ? c : Integer.compare(a.getNetworkPrefixLength(), b.getNetworkPrefixLength());
  }

  /** Resolves gateways through the other routes, following gateways at most MAX_RECURSION deep. */
  private static final class Resolver {
    /** The routes gateways may resolve through: connected and static. */
    private final List<Route> routes;
    /** What each gateway (without an interface) of a BGP route resolved to. */
    private final java.util.Map<IPAddress, Resolved> bgpGateways = new java.util.HashMap<>();

    Resolver(List<Route> routes) {
      this.routes = routes.stream().filter(r -> r.protocol() != Route.Protocol.BGP).toList();
    }

    Candidate candidate(Route r) {
      if (r.kind() != Route.Kind.GATEWAY) {
        return new Candidate(r, true, "", List.of());
      }
      List<Resolved> resolved = new ArrayList<>();
      boolean any = false;
      for (Route.NextHop nh : r.nextHops()) {
        Resolved res = nh.interfaceName() != null ? new Resolved(nh, nh.interfaceName(), nh.address())
            : r.protocol() == Route.Protocol.BGP
                ? bgpGateways.computeIfAbsent(nh.address(), a -> resolve(nh, r, 0))
                : resolve(nh, r, 0);
        resolved.add(res);
        any |= res.interfaceName() != null;
      }
      return new Candidate(r, any, any ? "" : "no gateway is reachable", resolved);
    }

    /** How {@code nh} is reached, not counting the route {@code via} itself. */
    private Resolved resolve(Route.NextHop nh, Route via, int depth) {
      Route best = depth >= MAX_RECURSION ? null : longestMatch(nh.address(), via);
      if (best == null) {
        return new Resolved(nh, null, null);
      }
      return switch (best.kind()) {
        case INTERFACE -> new Resolved(nh, best.interfaceName(), nh.address());
        case GATEWAY -> {
          for (Route.NextHop next : best.nextHops()) {
            Resolved inner = next.interfaceName() != null
                ? new Resolved(next, next.interfaceName(), next.address()) : resolve(next, best, depth + 1);
            if (inner.interfaceName() != null) {
              yield new Resolved(nh, inner.interfaceName(), inner.neighbor());
            }
          }
          yield new Resolved(nh, null, null);
        }
        case BLACKHOLE, REJECT -> new Resolved(nh, null, null);
      };
    }

    private Route longestMatch(IPAddress address, Route via) {
      Route best = null;
      for (Route r : routes) {
        if (r == via || !r.prefix().contains(address)) {
          continue;
        }
        if (best == null || r.prefix().getNetworkPrefixLength() > best.prefix().getNetworkPrefixLength()
            || (r.prefix().equals(best.prefix()) && r.distance() < best.distance())) {
          best = r;
        }
      }
      return best;
    }
  }
}
