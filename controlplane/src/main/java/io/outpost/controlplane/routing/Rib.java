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
 * <p>An immutable snapshot, rebuilt when the configuration changes and swapped in at commit.
 * It is small and rebuilt whole today (connected and static routes); BGP's volumes will need an
 * incremental structure, which is that to build.
 */
public final class Rib {
  /** How deep a gateway may resolve through other gateways before we call it a loop. */
  static final int MAX_RECURSION = 8;

  /** A route in the RIB with what resolution made of it. */
  public record Candidate(Route route, boolean usable, String why, List<Resolved> resolved) {}

  /** A gateway and the interface it resolved to, or null if it did not resolve. */
  public record Resolved(Route.NextHop nextHop, String interfaceName) {}

  /** One prefix: its candidates, best first; the first usable one is selected. */
  public record Entry(IPAddress prefix, List<Candidate> candidates) {
    public Optional<Candidate> selected() {
      return candidates.stream().filter(Candidate::usable).findFirst();
    }
  }

  private final List<Entry> entries;

  private Rib(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Rib empty() {
    return new Rib(List.of());
  }

  public List<Entry> entries() {
    return entries;
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
    return new Rib(entries);
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
    private final List<Route> routes;

    Resolver(List<Route> routes) {
      this.routes = routes;
    }

    Candidate candidate(Route r) {
      if (r.kind() != Route.Kind.GATEWAY) {
        return new Candidate(r, true, "", List.of());
      }
      List<Resolved> resolved = new ArrayList<>();
      boolean any = false;
      for (Route.NextHop nh : r.nextHops()) {
        String iface = nh.interfaceName() != null ? nh.interfaceName() : resolve(nh.address(), r, 0);
        resolved.add(new Resolved(nh, iface));
        any |= iface != null;
      }
      return new Candidate(r, any, any ? "" : "no gateway is reachable", resolved);
    }

    /** The interface that reaches {@code address}, not counting {@code via} itself. */
    private String resolve(IPAddress address, Route via, int depth) {
      if (depth >= MAX_RECURSION) {
        return null;
      }
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
      if (best == null) {
        return null;
      }
      return switch (best.kind()) {
        case INTERFACE -> best.interfaceName();
        case GATEWAY -> {
          for (Route.NextHop nh : best.nextHops()) {
            String i = nh.interfaceName() != null ? nh.interfaceName() : resolve(nh.address(), best, depth + 1);
            if (i != null) {
              yield i;
            }
          }
          yield null;
        }
        case BLACKHOLE, REJECT -> null;
      };
    }
  }
}
