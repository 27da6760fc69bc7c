package io.outpost.controlplane.bgp;

import io.outpost.bgp.rib.LocRib;
import io.outpost.bgp.speaker.BgpSpeaker;
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
 * administrative distance). Changes are recorded on the speaker's event loop as best paths
 * change, passed on to {@code changed} (which batches them) and kept until the routing table,
 * on another thread, drains them.
 *
 * <p>It keeps no copy of the routes: a full pass ({@link #forEach}, at a commit or for
 * {@code show route}) walks the speaker's Loc-RIB on its event loop, working each route's
 * {@link LearnedRoutes.Path} out again. A copy by prefix cost a full table's worth of keys
 * (about 40 MB) and a hash insert per prefix on the event loop, for passes that are rare. The
 * paths are interned, so a million prefixes through two peers hold two of them. Routes we
 * originate ourselves have no next hop and stay out.
 *
 * <p>No lock per change: the changes and the interned paths belong to the event loop, and the
 * routing table takes the changes by swapping them out on the loop ({@link BgpSpeaker#onLoop}),
 * once per batch.
 */
final class BgpRoutes implements LocRib.Listener, LearnedRoutes {
  /**
   * How many changes of a family the log holds (four full tables) before it is dropped for a
   * full pass: the bound on its memory if the routing table falls behind.
   */
  private static final int MAX_CHANGES = 1 << 22;

  /** The changes not drained yet, IPv4 at 0 and IPv6 at 1; the event loop's. */
  private ChangeLog[] changes = newChanges();
  /** The logs drained last, emptied, which the next drain swaps in (the routing table's). */
  private ChangeLog[] spare = newChanges();
  private final Map<Path, Path> interned = new HashMap<>();
  /**
   * The best route (alone in its multipath set) whose path was worked out last, and that path:
   * the prefixes of one UPDATE share their route, and most routes of a peer its next hop, so
   * most changes skip building and interning ({@link #samePath}).
   */
  private io.outpost.bgp.rib.Route lastRoute;
  private Path lastPath;
  /** Every route is to be taken again (the distances changed, or all went). */
  private final java.util.concurrent.atomic.AtomicBoolean resync =
      new java.util.concurrent.atomic.AtomicBoolean();
  /** The running speaker whose Loc-RIB a full pass walks; null while BGP is stopped. */
  private volatile BgpSpeaker source;
  private final Runnable changed;
  private volatile int externalDistance = 20;
  private volatile int internalDistance = 200;

  BgpRoutes(Runnable changed) {
    this.changed = changed;
  }

  /** The speaker whose routes these are (null: none, BGP stopped). */
  void source(BgpSpeaker speaker) {
    source = speaker;
  }

  @Override
  public void bestChanged(Family family, long hi, long lo, int length,
      io.outpost.bgp.rib.Route route, List<io.outpost.bgp.rib.Route> multipath) {
    int f = family == Family.IPV6_UNICAST ? 1 : 0;
    Path shared = pathOf(route, multipath);
    ChangeLog log = changes[f];
    if (log.size() == MAX_CHANGES) {
      changes[0].clear();
      changes[1].clear();
      resync.set(true);
    } else {
      // Without a copy we cannot tell whether a prefix that has no route now had one: its
      // removal is recorded either way, and taking away what is not there costs nothing.
      log.add(hi, lo, length, shared);
    }
    changed.run();
  }

  /** The interned path of a best route and its multipath set; null: none or no next hop. */
  private Path pathOf(io.outpost.bgp.rib.Route route,
      List<io.outpost.bgp.rib.Route> multipath) {
    if (route == null) {
      return null;
    }
    if (multipath.size() == 1 && lastPath != null && samePath(route, lastRoute)) {
      lastRoute = route;
      return lastPath;
    }
    Path path = path(route, multipath);
    Path shared = path == null ? null : intern(path);
    if (multipath.size() == 1) {
      lastRoute = route;
      lastPath = shared;
    }
    return shared;
  }

  /**
   * Whether a route alone in its multipath set has the path of {@code last}'s: the same next hop
   * and the same kind of peer. Most of a peer's table goes through one next hop, in a third as
   * many attribute sets as prefixes; this spares building and interning the path for each.
   */
  private static boolean samePath(io.outpost.bgp.rib.Route route,
      io.outpost.bgp.rib.Route last) {
    return route == last || route.source().external() == last.source().external()
        && java.util.Arrays.equals(route.attributes().nextHop(), last.attributes().nextHop());
  }

  private static Path path(io.outpost.bgp.rib.Route best,
      List<io.outpost.bgp.rib.Route> multipath) {
    List<InetAddress> hops = new ArrayList<>(multipath.size());
    for (int i = 0; i < multipath.size(); i++) {
      io.outpost.bgp.rib.Route r = multipath.get(i);
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

  private static ChangeLog[] newChanges() {
    return new ChangeLog[] {new ChangeLog(false), new ChangeLog(true)};
  }

  /** Walks the speaker's Loc-RIB (on its event loop; the caller waits); nothing once stopped. */
  @Override
  public void forEach(Visitor visitor) {
    withSpeaker(s -> {
      for (Family family : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
        boolean v6 = family == Family.IPV6_UNICAST;
        s.forEachBest(family, (hi, lo, length, best, multipath) -> {
          Path p = pathOf(best, multipath);
          if (p != null) {
            visitor.visit(v6, hi, lo, length, p);
          }
        });
      }
      return null;
    }, null);
  }

  @Override
  public boolean drainChanges(Visitor visitor) {
    ChangeLog[] taken = takeChanges();
    try {
      if (resync.getAndSet(false)) {
        return true; // the full pass has what the changes would say
      }
      taken[0].forEach(visitor);
      taken[1].forEach(visitor);
      return false;
    } finally {
      taken[0].clear();
      taken[1].clear();
      spare = taken;
    }
  }

  /**
   * The changes so far, swapped on the event loop for the spare logs; empty ones once the
   * speaker stopped. Only the routing table's thread drains, one drain at a time, so the spare
   * logs it swaps in are the ones it finished with.
   */
  private ChangeLog[] takeChanges() {
    ChangeLog[] empty = spare;
    return withSpeaker(s -> s.onLoop(() -> {
      ChangeLog[] taken = changes;
      changes = empty;
      return taken;
    }), newChanges());
  }

  /**
   * What {@code task} makes of the running speaker, or {@code stopped} when there is none or it
   * closed meanwhile (then clear() asks for a full pass).
   */
  private <T> T withSpeaker(java.util.function.Function<BgpSpeaker, T> task, T stopped) {
    BgpSpeaker s = source;
    if (s == null) {
      return stopped;
    }
    try {
      return task.apply(s);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return stopped;
    }
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
      resync.set(true);
      changed.run();
    }
  }

  /**
   * Forgets every route: the speaker stopped ({@link #source} is null already, and its event
   * loop has ended, so what was the loop's is this thread's now).
   */
  void clear() {
    changes = newChanges();
    interned.clear();
    lastRoute = null;
    lastPath = null;
    resync.set(true);
    changed.run();
  }

  /** How many routes the routing table is offered now (a full pass). */
  int size() {
    int[] n = {0};
    forEach((ipv6, hi, lo, length, path) -> n[0]++);
    return n[0];
  }
}
