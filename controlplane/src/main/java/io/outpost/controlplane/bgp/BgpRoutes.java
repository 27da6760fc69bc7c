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
 * <p>Compact for a full table: the routes live in a {@link PrefixTable} keyed by the prefix
 * words (no object per prefix but the table's slots), and the {@link LearnedRoutes.Path} values
 * are interned, so a million prefixes through two peers hold two of them. Routes we originate
 * ourselves have no next hop and stay out. One lock guards both tables; the event loop holds it
 * for one prefix at a time, the routing table to swap the changes out or for a full pass.
 */
final class BgpRoutes implements LocRib.Listener, LearnedRoutes {
  /** A change that removed the prefix's route (PrefixTable values cannot be null). */
  private static final Object GONE = new Object();

  private final PrefixTable<Path> routes = new PrefixTable<>();
  private PrefixTable<Object> changes = new PrefixTable<>();
  private final Map<Path, Path> interned = new HashMap<>();
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
    Path path = route == null ? null : path(route, multipath);
    long meta = meta(family == Family.IPV6_UNICAST, length);
    synchronized (this) {
      Path shared = path == null ? null : intern(path);
      Path before = shared == null ? routes.remove(hi, lo, meta)
          : routes.put(hi, lo, meta, shared);
      if (before == null && shared == null) {
        return;
      }
      changes.put(hi, lo, meta, shared == null ? GONE : shared);
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

  private static long meta(boolean ipv6, int length) {
    return ipv6 ? 0x100 | length : length;
  }

  @Override
  public synchronized void forEach(Visitor visitor) {
    routes.forEach((hi, lo, meta, path) -> visitor.visit((meta & 0x100) != 0, hi, lo,
        (int) (meta & 0xff), path));
  }

  @Override
  public boolean drainChanges(Visitor visitor) {
    PrefixTable<Object> taken;
    synchronized (this) {
      if (resync) {
        resync = false;
        changes = new PrefixTable<>();
        return true;
      }
      taken = changes;
      changes = new PrefixTable<>();
    }
    taken.forEach((hi, lo, meta, change) -> visitor.visit((meta & 0x100) != 0, hi, lo,
        (int) (meta & 0xff), change == GONE ? null : (Path) change));
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
      if (routes.size() == 0) {
        return;
      }
      routes.clear();
      interned.clear();
      resync = true;
    }
    changed.run();
  }

  synchronized int size() {
    return routes.size();
  }
}
