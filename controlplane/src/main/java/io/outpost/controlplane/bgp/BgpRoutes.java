package io.outpost.controlplane.bgp;

import io.outpost.bgp.rib.LocRib;
import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.wire.Family;
import io.outpost.controlplane.routing.LearnedRoutes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BGP's best routes as the routing table takes them: per prefix, the next hops of the best path
 * and its equal-cost companions, and whether it was learned over eBGP (which decides its
 * administrative distance). Written on the speaker's event loop as best paths change, read by
 * the routing table on another thread; each change is passed on to {@code changed} (which
 * batches them) and kept until the routing table drains it.
 *
 * <p>Compact for a full table: the routes live in a {@link PrefixTable} per family keyed by the
 * prefix words (no object per prefix but the table's slots; one per family so that the IPv4 one
 * keeps its packed keys), and the {@link LearnedRoutes.Path} values are interned, so a million
 * prefixes through two peers hold two of them. Routes we originate
 * ourselves have no next hop and stay out. One lock guards both tables; the event loop holds it
 * for one prefix at a time, the routing table to swap the changes out or for a full pass.
 */
final class BgpRoutes implements LocRib.Listener, LearnedRoutes {
  /** A change that removed the prefix's route (PrefixTable values cannot be null). */
  private static final Object GONE = new Object();

  /** The routes, IPv4 at 0 and IPv6 at 1. */
  private final List<PrefixTable<Path>> routes = List.of(new PrefixTable<>(), new PrefixTable<>());
  /** The changes not drained yet, likewise. */
  private List<PrefixTable<Object>> changes = newChanges();
  private final Map<Path, Path> interned = new HashMap<>();
  /**
   * The best route (alone in its multipath set) whose path was worked out last, and that path:
   * the prefixes of one UPDATE share their route, so most changes skip building and interning.
   */
  private io.outpost.bgp.rib.Route lastRoute;
  private Path lastPath;
  /** Every route is to be taken again (the distances changed, or all went). */
  private boolean resync;
  private final Runnable changed;
  private volatile int externalDistance = 20;
  private volatile int internalDistance = 200;

  BgpRoutes(Runnable changed) {
    this.changed = changed;
  }

  @Override
  public void bestChanged(Family family, long hi, long lo, int length,
      io.outpost.bgp.rib.Route route, List<io.outpost.bgp.rib.Route> multipath) {
    int f = family == Family.IPV6_UNICAST ? 1 : 0;
    synchronized (this) {
      Path shared;
      if (route != null && route == lastRoute && multipath.size() == 1) {
        shared = lastPath;
      } else {
        Path path = route == null ? null : path(route, multipath);
        shared = path == null ? null : intern(path);
        if (route != null && multipath.size() == 1) {
          lastRoute = route;
          lastPath = shared;
        }
      }
      Path before = shared == null ? routes.get(f).remove(hi, lo, length)
          : routes.get(f).put(hi, lo, length, shared);
      if (before == null && shared == null) {
        return;
      }
      changes.get(f).put(hi, lo, length, shared == null ? GONE : shared);
    }
    changed.run();
  }

  private static Path path(io.outpost.bgp.rib.Route best,
      List<io.outpost.bgp.rib.Route> multipath) {
    List<InetAddress> hops = new ArrayList<>(multipath.size());
    for (io.outpost.bgp.rib.Route r : multipath) {
      if (r.attributes().nextHop().length > 0) {
        InetAddress hop = r.attributes().nextHopAddress();
        if (!hops.contains(hop)) {
          hops.add(hop);
        }
      }
    }
    return hops.isEmpty() ? null : new Path(hops, best.source().external());
  }

  private Path intern(Path p) {
    Path shared = interned.putIfAbsent(p, p);
    return shared == null ? p : shared;
  }

  private static List<PrefixTable<Object>> newChanges() {
    return List.of(new PrefixTable<>(), new PrefixTable<>());
  }

  @Override
  public synchronized void forEach(Visitor visitor) {
    for (int f = 0; f < 2; f++) {
      boolean v6 = f == 1;
      routes.get(f).forEach((hi, lo, length, path) -> visitor.visit(v6, hi, lo, (int) length,
          path));
    }
  }

  @Override
  public boolean drainChanges(Visitor visitor) {
    List<PrefixTable<Object>> taken;
    synchronized (this) {
      taken = changes;
      changes = newChanges();
      if (resync) {
        resync = false;
        return true;
      }
    }
    for (int f = 0; f < 2; f++) {
      boolean v6 = f == 1;
      taken.get(f).forEach((hi, lo, length, change) -> visitor.visit(v6, hi, lo, (int) length,
          change == GONE ? null : (Path) change));
    }
    return false;
  }

  @Override
  public int distance(Path path) {
    return path.external() ? externalDistance : internalDistance;
  }

  /** Sets the administrative distances; a change re-ranks every BGP route. */
  void distances(int external, int internal) {
    if (external != externalDistance || internal != internalDistance) {
      externalDistance = external;
      internalDistance = internal;
      synchronized (this) {
        resync = true;
      }
      changed.run();
    }
  }

  /** Forgets every route (the speaker stopped). */
  void clear() {
    synchronized (this) {
      if (size() == 0) {
        return;
      }
      routes.forEach(PrefixTable::clear);
      interned.clear();
      lastRoute = null;
      lastPath = null;
      resync = true;
    }
    changed.run();
  }

  synchronized int size() {
    return routes.get(0).size() + routes.get(1).size();
  }
}
