package io.outpost.bgp.rib;

import io.outpost.bgp.wire.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Loc-RIB (RFC 4271 section 3.2): per prefix, every path that passed import policy, and the
 * best of them with its equal-cost companions. A change of the best or of the multipath set is
 * told to the {@link Listener}s (the export side, and the control plane's RIB through its
 * sink); a change that does not move the best tells nobody. Owned by the RIB thread.
 */
public final class LocRib {
  /** Told when a prefix's best path or multipath set changes. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param best the new best path, or null when no path is left
     * @param multipath the paths that share traffic, best first (just the best without ECMP)
     */
    void bestChanged(Family family, long hi, long lo, int length, Route best,
        List<Route> multipath);
  }

  private final Map<Family, PrefixTable<Destination>> tables = new EnumMap<>(Family.class);
  private final List<Listener> listeners = new ArrayList<>();
  private final BestPath bestPath;
  private final int maximumPaths;

  /** @param maximumPaths how many equal paths may share traffic (1: no ECMP) */
  public LocRib(BestPath bestPath, int maximumPaths) {
    this.bestPath = bestPath;
    this.maximumPaths = maximumPaths;
    for (Family f : Family.values()) {
      tables.put(f, new PrefixTable<>());
    }
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public BestPath bestPath() {
    return bestPath;
  }

  /**
   * Adds {@code route}, replacing the path its source sent before with the same path id.
   *
   * @return whether the source had no path to the prefix before (with that path id)
   */
  public boolean update(Family family, long hi, long lo, int length, Route route) {
    PrefixTable<Destination> table = tables.get(family);
    Destination d = table.get(hi, lo, length);
    if (d == null) {
      d = new Destination();
      table.put(hi, lo, length, d);
    }
    boolean added = d.put(route);
    reselect(family, hi, lo, length, d);
    return added;
  }

  /** Removes the path {@code source} sent with {@code pathId}; whether there was one. */
  public boolean withdraw(Family family, long hi, long lo, int length, RouteSource source,
      long pathId) {
    PrefixTable<Destination> table = tables.get(family);
    Destination d = table.get(hi, lo, length);
    if (d == null || !d.remove(source, pathId)) {
      return false;
    }
    if (d.count == 0) {
      table.remove(hi, lo, length);
    }
    reselect(family, hi, lo, length, d);
    return true;
  }

  /** Every path to the prefix, best first; empty when there is none. */
  public List<Route> paths(Family family, long hi, long lo, int length) {
    Destination d = tables.get(family).get(hi, lo, length);
    if (d == null) {
      return List.of();
    }
    List<Route> out = new ArrayList<>(Arrays.asList(d.routes).subList(0, d.count));
    out.sort(bestPath::compare);
    return out;
  }

  /** How many prefixes have a path. */
  public int size(Family family) {
    return tables.get(family).size();
  }

  /** Visits each prefix with its best path. */
  public void forEachBest(Family family, BestVisitor visitor) {
    tables.get(family).forEach((hi, lo, meta, d) -> visitor.visit(hi, lo, (int) meta, d.best,
        d.multipath));
  }

  /** What {@link #forEachBest} calls. */
  @FunctionalInterface
  public interface BestVisitor {
    void visit(long hi, long lo, int length, Route best, List<Route> multipath);
  }

  private void reselect(Family family, long hi, long lo, int length, Destination d) {
    Route best = null;
    for (int i = 0; i < d.count; i++) {
      if (best == null || bestPath.compare(d.routes[i], best) < 0) {
        best = d.routes[i];
      }
    }
    List<Route> multipath;
    if (best == null) {
      multipath = List.of();
    } else if (maximumPaths <= 1) {
      multipath = List.of(best);
    } else {
      multipath = new ArrayList<>();
      multipath.add(best);
      for (int i = 0; i < d.count && multipath.size() < maximumPaths; i++) {
        if (d.routes[i] != best && bestPath.multipathEqual(d.routes[i], best)) {
          multipath.add(d.routes[i]);
        }
      }
      multipath = List.copyOf(multipath);
    }
    if (best == d.best && multipath.equals(d.multipath)) {
      return;
    }
    d.best = best;
    d.multipath = multipath;
    for (Listener l : listeners) {
      l.bestChanged(family, hi, lo, length, best, multipath);
    }
  }

  /** The paths to one prefix. */
  private static final class Destination {
    Route[] routes = new Route[1];
    int count;
    Route best;
    List<Route> multipath = List.of();

    boolean put(Route route) {
      for (int i = 0; i < count; i++) {
        if (routes[i].source() == route.source() && routes[i].pathId() == route.pathId()) {
          routes[i] = route;
          return false;
        }
      }
      if (count == routes.length) {
        routes = Arrays.copyOf(routes, count * 2);
      }
      routes[count++] = route;
      return true;
    }

    boolean remove(RouteSource source, long pathId) {
      for (int i = 0; i < count; i++) {
        if (routes[i].source() == source && routes[i].pathId() == pathId) {
          routes[i] = routes[--count];
          routes[count] = null;
          return true;
        }
      }
      return false;
    }
  }
}
