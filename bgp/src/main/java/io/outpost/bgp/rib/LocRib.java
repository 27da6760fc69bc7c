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
 *
 * <p>Most prefixes of a full table have one path. Such a prefix's slot holds that
 * {@link Route} itself; only a prefix with several paths gets a {@code Destination}, which
 * remembers the best and the multipath set. That saves three objects a prefix.
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

  /**
   * Told when any path to a prefix comes, changes or goes, best or not (what a peer that takes
   * every path with add-path must hear about).
   */
  @FunctionalInterface
  public interface PathListener {
    void pathsChanged(Family family, long hi, long lo, int length);
  }

  /** Per family, each prefix's {@link Route} (its one path) or {@link Destination}. */
  private final Map<Family, PrefixTable<Object>> tables = new EnumMap<>(Family.class);
  private final List<Listener> listeners = new ArrayList<>();
  private final List<PathListener> pathListeners = new ArrayList<>();
  private final BestPath bestPath;
  private final int maximumPaths;
  /**
   * The last route {@link #alone} was asked for, and the list of just it: consecutive prefixes
   * of one UPDATE share their route, so one list serves them all.
   */
  private Route aloneRoute;
  private List<Route> aloneList = List.of();

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

  public void addPathListener(PathListener listener) {
    pathListeners.add(listener);
  }

  public BestPath bestPath() {
    return bestPath;
  }

  /**
   * Adds {@code route}, replacing the path its source sent before with the same path id.
   *
   * @return the path it replaced, or null when the source had none to the prefix (with that
   *     path id)
   */
  public Route update(Family family, long hi, long lo, int length, Route route) {
    PrefixTable<Object> table = tables.get(family);
    int at = table.find(hi, lo, length);
    if (at < 0) {
      table.insertAt(at, hi, lo, length, route);
      tell(family, hi, lo, length, route, alone(route));
      tellPaths(family, hi, lo, length);
      return null;
    }
    Object slot = table.valueAt(at);
    if (slot instanceof Route only && samePath(only, route)) {
      table.setAt(at, route);
      if (only != route) {
        tell(family, hi, lo, length, route, alone(route));
        tellPaths(family, hi, lo, length);
      }
      return only;
    }
    Destination d = slot instanceof Destination dd ? dd : new Destination((Route) slot);
    if (d != slot) {
      table.setAt(at, d);
    }
    Route replaced = d.put(route);
    reselect(family, hi, lo, length, d);
    tellPaths(family, hi, lo, length);
    return replaced;
  }

  /** Removes the path {@code source} sent with {@code pathId}, and returns it (null: none). */
  public Route withdraw(Family family, long hi, long lo, int length, RouteSource source,
      long pathId) {
    PrefixTable<Object> table = tables.get(family);
    Object slot = table.get(hi, lo, length);
    if (slot instanceof Route only) {
      if (only.source() != source || only.pathId() != pathId) {
        return null;
      }
      table.remove(hi, lo, length);
      tell(family, hi, lo, length, null, List.of());
      tellPaths(family, hi, lo, length);
      return only;
    }
    Route removed = slot instanceof Destination d ? d.remove(source, pathId) : null;
    if (removed == null) {
      return null;
    }
    Destination d = (Destination) slot;
    if (d.count == 1) {
      table.put(hi, lo, length, d.routes[0]); // back to the one-path form
    }
    reselect(family, hi, lo, length, d);
    tellPaths(family, hi, lo, length);
    return removed;
  }

  /** What {@link #forEachPathOf} calls. */
  @FunctionalInterface
  public interface PathVisitor {
    void visit(long hi, long lo, int length, Route route);
  }

  /**
   * Visits every path {@code source} has in the table of {@code family} (a walk of the whole
   * table); the visitor must not change the Loc-RIB.
   */
  public void forEachPathOf(Family family, RouteSource source, PathVisitor visitor) {
    tables.get(family).forEach((hi, lo, meta, slot) -> {
      if (slot instanceof Route only) {
        if (only.source() == source) {
          visitor.visit(hi, lo, (int) meta, only);
        }
      } else {
        Destination d = (Destination) slot;
        for (int i = 0; i < d.count; i++) {
          if (d.routes[i].source() == source) {
            visitor.visit(hi, lo, (int) meta, d.routes[i]);
          }
        }
      }
    });
  }

  /** Every path to the prefix, best first; empty when there is none. */
  public List<Route> paths(Family family, long hi, long lo, int length) {
    Object slot = tables.get(family).get(hi, lo, length);
    if (slot == null) {
      return List.of();
    }
    if (slot instanceof Route only) {
      return List.of(only);
    }
    Destination d = (Destination) slot;
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
    tables.get(family).forEach((hi, lo, meta, slot) -> {
      if (slot instanceof Route only) {
        visitor.visit(hi, lo, (int) meta, only, alone(only));
      } else {
        Destination d = (Destination) slot;
        visitor.visit(hi, lo, (int) meta, d.best, d.multipath);
      }
    });
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
    tell(family, hi, lo, length, best, multipath);
  }

  private void tell(Family family, long hi, long lo, int length, Route best,
      List<Route> multipath) {
    for (Listener l : listeners) {
      l.bestChanged(family, hi, lo, length, best, multipath);
    }
  }

  private void tellPaths(Family family, long hi, long lo, int length) {
    for (int i = 0; i < pathListeners.size(); i++) {
      pathListeners.get(i).pathsChanged(family, hi, lo, length);
    }
  }

  /** The multipath set of a prefix whose one path is {@code route}. */
  private List<Route> alone(Route route) {
    if (route != aloneRoute) {
      aloneRoute = route;
      aloneList = List.of(route);
    }
    return aloneList;
  }

  private static boolean samePath(Route a, Route b) {
    return a.source() == b.source() && a.pathId() == b.pathId();
  }

  /**
   * The paths to a prefix that has (or had, until the last withdrawal) more than one. It starts
   * from the one path the prefix had, which was its best.
   */
  private static final class Destination {
    Route[] routes = new Route[2];
    int count;
    Route best;
    List<Route> multipath;

    Destination(Route only) {
      routes[0] = only;
      count = 1;
      best = only;
      multipath = List.of(only);
    }

    /** Adds or replaces the source's path; the one it replaced, or null. */
    Route put(Route route) {
      for (int i = 0; i < count; i++) {
        if (samePath(routes[i], route)) {
          Route replaced = routes[i];
          routes[i] = route;
          return replaced;
        }
      }
      if (count == routes.length) {
        routes = Arrays.copyOf(routes, count * 2);
      }
      routes[count++] = route;
      return null;
    }

    /** Removes and returns the path, or null when there is none. */
    Route remove(RouteSource source, long pathId) {
      for (int i = 0; i < count; i++) {
        if (routes[i].source() == source && routes[i].pathId() == pathId) {
          Route removed = routes[i];
          routes[i] = routes[--count];
          routes[count] = null;
          return removed;
        }
      }
      return null;
    }
  }
}
