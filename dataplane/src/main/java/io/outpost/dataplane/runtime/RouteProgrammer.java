package io.outpost.dataplane.runtime;

import io.outpost.dataplane.pipeline.DataplaneTables;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Programs a running data plane from the control plane's selected routes: the interfaces, a
 * next-hop table in which each distinct next hop has one id, and the two FIBs. A whole set of
 * routes ({@link #program}, at commit) is applied by difference, so that an unchanged route is
 * never touched; the routes that changed since ({@link #update}, as learned routes come and go)
 * are applied as they are, one step each, so a full table arriving costs no pass over it.
 *
 * <p>The order of each change keeps every burst consistent without locking the workers: first
 * a snapshot whose next-hop table holds every id old or new FIB entries use, then the FIB
 * changes, published; only then are ids no route uses any more freed (each id counts the
 * routes, and the ECMP groups, that use it), and a freed id is reused only after
 * {@link #GRACE_NANOS}, long after any burst that read it under the old FIB has finished.
 * (BIRD and VPP both refcount next hops the same way; VPP defers reuse to a barrier, we to a
 * clock, because our workers never stop for the control plane.)
 *
 * <p>What is installed, and with which next-hop id, is read back from the FIBs' own route
 * stores ({@code Ipv4Fib.route}, {@code forEach}); it kept a map of its own until a full BGP
 * table showed what that cost: a hash insert and about 80 octets per route, some 100 MB and
 * two fifths of the routing thread's time for a million routes.
 *
 * <p>One control-plane thread calls {@link #program} and {@link #update}; the class is not
 * thread-safe beyond that.
 */
public final class RouteProgrammer {
  /** How long a freed next-hop id stays unused before it may mean something else. */
  static final long GRACE_NANOS = 1_000_000_000L;

  private final int portCount;
  private final DataplaneTables tables;
  private final Consumer<ForwardingTables> publish;
  private final LongSupplier nanoClock;

  private final List<NextHop> table = new ArrayList<>(List.of(NextHop.blackhole()));
  /** The key of each id in use (null: free), and how many routes and groups use it. */
  private final List<Key> keyOf = new ArrayList<>(java.util.Collections.singletonList(null));
  private int[] refs = new int[16];
  private final Map<Key, Integer> ids = new HashMap<>();
  private final ArrayDeque<long[]> freed = new ArrayDeque<>();
  private List<L3Interface> interfaces = List.of();
  private long version;

  /**
   * @param publish swaps a snapshot into the workers (the data plane's publish, which also
   *     points the interfaces at their mirrors)
   */
  public RouteProgrammer(int portCount, DataplaneTables tables, Consumer<ForwardingTables> publish,
      LongSupplier nanoClock) {
    this.portCount = portCount;
    this.tables = tables;
    this.publish = publish;
    this.nanoClock = nanoClock;
  }

  /** What one {@link #program} or {@link #update} changed. */
  public record Change(int added, int changed, int removed, int nextHops) {}

  /**
   * Makes the data plane forward by {@code routes} out of {@code interfaces} (indexed by id),
   * and by nothing else. A route naming an interface id outside {@code interfaces} is refused
   * before anything changes.
   */
  public Change program(List<L3Interface> interfaces, List<FibRoute> routes) {
    check(routes, interfaces.size());
    this.interfaces = List.copyOf(interfaces);
    Set<FibRoute.Prefix> wanted = new HashSet<>();
    for (FibRoute r : routes) {
      wanted.add(r.prefix());
    }
    List<FibRoute.Prefix> removals = new ArrayList<>();
    tables.fib4().forEach((prefix, length, nextHop) -> {
      FibRoute.Prefix p = new FibRoute.Prefix(false, prefix & 0xFFFF_FFFFL, 0, length);
      if (!wanted.contains(p)) {
        removals.add(p);
      }
    });
    tables.fib6().forEach((hi, lo, length, nextHop) -> {
      FibRoute.Prefix p = new FibRoute.Prefix(true, hi, lo, length);
      if (!wanted.contains(p)) {
        removals.add(p);
      }
    });
    return apply(routes, removals, true);
  }

  /**
   * Adds or replaces {@code upserts} and removes {@code removals} (a prefix not installed is
   * ignored), out of the interfaces of the last {@link #program}; the other routes stay. A route
   * naming an unknown interface is refused before anything changes.
   */
  public Change update(List<FibRoute> upserts, List<FibRoute.Prefix> removals) {
    check(upserts, interfaces.size());
    Burst burst = burst();
    for (FibRoute r : upserts) {
      burst.upsert(r.ipv6(), r.hi(), r.lo(), r.length(), r);
    }
    for (FibRoute.Prefix p : removals) {
      burst.remove(p.ipv6(), p.hi(), p.lo(), p.length());
    }
    return burst.publish();
  }

  /**
   * Starts a burst of changes to the routes of the last {@link #program}: each applied after
   * the one before, all published together by {@link Burst#publish}. What learned routes use,
   * a full table's worth of them: no object per change, and one next-hop lookup per distinct
   * way of forwarding in the burst rather than per route.
   */
  public Burst burst() {
    return new Burst();
  }

  /**
   * Changes applied one after another into the FIBs' staging copies and published together:
   * the next-hop table first when the burst made new ids, then the FIBs, then the ids no route
   * uses any more are freed (see the class comment). Not to be used after {@link #publish}.
   */
  public final class Burst {
    /** The id of each route template of this burst (compared by identity). */
    private final java.util.IdentityHashMap<FibRoute, Integer> idOf =
        new java.util.IdentityHashMap<>();
    private int[] released = new int[64];
    private int releasedCount;
    private boolean allocated;
    private int added;
    private int changed;
    private int removed;

    private Burst() {}

    /**
     * Forwards the prefix as {@code how} says (its kind and gateways; its own prefix is not
     * looked at), adding the route or replacing the one there. Pass one instance for every
     * prefix forwarded the same way: its next hop is found once.
     *
     * @throws IllegalArgumentException if {@code how} names an interface the last program did
     *     not have (nothing of this change is staged)
     */
    public void upsert(boolean ipv6, long hi, long lo, int length, FibRoute how) {
      Integer known = idOf.get(how);
      int id;
      if (known == null) {
        check(List.of(how), interfaces.size());
        int before = ids.size();
        id = acquire(how);
        allocated |= ids.size() != before;
        idOf.put(how, id);
      } else {
        id = known;
        refs[id]++; // one more route on it, as acquire would have counted
      }
      int before = ipv6 ? tables.fib6().route(hi, lo, length)
          : tables.fib4().route((int) hi, length);
      if (before == id) {
        release(id); // the same: the extra reference goes at the end, nothing else
        return;
      }
      if (ipv6) {
        tables.fib6().insert(hi, lo, length, id);
      } else {
        tables.fib4().insert((int) hi, length, id);
      }
      if (before == 0) {
        added++;
      } else {
        changed++;
        release(before);
      }
    }

    /** Removes the prefix's route; a prefix with none is left alone. */
    public void remove(boolean ipv6, long hi, long lo, int length) {
      int before = ipv6 ? tables.fib6().remove(hi, lo, length)
          : tables.fib4().remove((int) hi, length);
      if (before != 0) {
        removed++;
        release(before);
      }
    }

    /** Drops a reference once the burst is published. */
    private void release(int id) {
      if (releasedCount == released.length) {
        released = java.util.Arrays.copyOf(released, 2 * releasedCount);
      }
      released[releasedCount++] = id;
    }

    /** Publishes the burst (see {@link Burst}); what it changed. */
    public Change publish() {
      if (allocated) {
        publish.accept(new ForwardingTables(++version, portCount, interfaces,
            List.copyOf(table)));
      }
      tables.fib4().publish();
      tables.fib6().publish();
      for (int i = 0; i < releasedCount; i++) {
        RouteProgrammer.this.release(released[i]);
      }
      return new Change(added, changed, removed, ids.size());
    }
  }

  private static void check(List<FibRoute> routes, int interfaceCount) {
    for (FibRoute r : routes) {
      for (FibRoute.Gateway g : r.gateways()) {
        if (g.interfaceId() < 0 || g.interfaceId() >= interfaceCount) {
          throw new IllegalArgumentException("route via interface " + g.interfaceId() + " of "
              + interfaceCount);
        }
      }
    }
  }

  private Change apply(List<FibRoute> upserts, List<FibRoute.Prefix> removals,
      boolean interfacesChanged) {
    int[] wanted = new int[upserts.size()];
    boolean allocated = false;
    for (int i = 0; i < upserts.size(); i++) {
      int known = ids.size();
      wanted[i] = acquire(upserts.get(i));
      allocated |= ids.size() != known;
    }
    if (interfacesChanged || allocated) {
      publish.accept(new ForwardingTables(++version, portCount, interfaces, List.copyOf(table)));
    }

    int added = 0;
    int changed = 0;
    int removed = 0;
    List<Integer> released = new ArrayList<>();
    for (int i = 0; i < upserts.size(); i++) {
      FibRoute.Prefix p = upserts.get(i).prefix();
      int before = route(p);
      if (before == wanted[i]) {
        released.add(before); // the same: the extra reference goes, nothing else
        continue;
      }
      insert(p, wanted[i]);
      if (before == 0) {
        added++;
      } else {
        changed++;
        released.add(before);
      }
    }
    for (FibRoute.Prefix p : removals) {
      int before = remove(p);
      if (before != 0) {
        removed++;
        released.add(before);
      }
    }
    tables.fib4().publish();
    tables.fib6().publish();
    for (int id : released) {
      release(id);
    }
    return new Change(added, changed, removed, ids.size());
  }

  /** The next-hop table as last published, for {@code show}: index is the id. */
  public List<NextHop> nextHops() {
    return List.copyOf(table);
  }

  /** How many routes are installed. */
  public int size() {
    return tables.fib4().size() + tables.fib6().size();
  }

  /** The id of the route's next hop, with one more reference taken. */
  private int acquire(FibRoute r) {
    return switch (r.kind()) {
      case BLACKHOLE, REJECT -> acquire(new Key(r.kind(), false, -1, 0, 0, List.of()));
      case FORWARD -> acquire(forward(r.ipv6(), r.gateways().getFirst()));
      case ECMP -> {
        List<Integer> members = new ArrayList<>();
        for (FibRoute.Gateway g : r.gateways()) {
          members.add(acquire(forward(r.ipv6(), g)));
        }
        members.sort(null);
        Key group = new Key(NextHop.Kind.ECMP, false, -1, 0, 0, List.copyOf(members));
        boolean existed = ids.containsKey(group);
        int id = acquire(group);
        if (existed) {
          members.forEach(this::release); // the group holds its members once, already
        }
        yield id;
      }
    };
  }

  private static Key forward(boolean ipv6, FibRoute.Gateway g) {
    return new Key(NextHop.Kind.FORWARD, ipv6 || g.viaIpv6(), g.interfaceId(), g.hi(), g.lo(),
        List.of());
  }

  private int acquire(Key key) {
    Integer id = ids.get(key);
    if (id == null) {
      id = allocate();
      ids.put(key, id);
      NextHop nh = key.toNextHop();
      if (id == table.size()) {
        table.add(nh);
        keyOf.add(key);
      } else {
        table.set(id, nh);
        keyOf.set(id, key);
      }
      if (id >= refs.length) {
        refs = java.util.Arrays.copyOf(refs, Math.max(id + 1, refs.length * 2));
      }
    }
    refs[id]++;
    return id;
  }

  /** Drops one reference; an id nobody uses is freed, and a group lets go of its members. */
  private void release(int id) {
    if (--refs[id] > 0) {
      return;
    }
    Key key = keyOf.get(id);
    ids.remove(key);
    keyOf.set(id, null);
    freed.add(new long[] {id, nanoClock.getAsLong()});
    for (int member : key.members()) {
      release(member);
    }
  }

  private int allocate() {
    long[] oldest = freed.peek();
    if (oldest != null && nanoClock.getAsLong() - oldest[1] >= GRACE_NANOS) {
      freed.poll();
      return (int) oldest[0];
    }
    return table.size();
  }

  private void insert(FibRoute.Prefix p, int id) {
    if (p.ipv6()) {
      tables.fib6().insert(p.hi(), p.lo(), p.length(), id);
    } else {
      tables.fib4().insert((int) p.hi(), p.length(), id);
    }
  }

  /** Removes a route; returns the next-hop id it had, or 0 when it was not installed. */
  private int remove(FibRoute.Prefix p) {
    return p.ipv6() ? tables.fib6().remove(p.hi(), p.lo(), p.length())
        : tables.fib4().remove((int) p.hi(), p.length());
  }

  /** The next-hop id a route is installed with, or 0 when it is not. */
  private int route(FibRoute.Prefix p) {
    return p.ipv6() ? tables.fib6().route(p.hi(), p.lo(), p.length())
        : tables.fib4().route((int) p.hi(), p.length());
  }

  /** A next hop's identity: equal keys share one id. */
  private record Key(NextHop.Kind kind, boolean ipv6, int interfaceId, long hi, long lo,
      List<Integer> members) {
    NextHop toNextHop() {
      return switch (kind) {
        case BLACKHOLE -> NextHop.blackhole();
        case REJECT -> NextHop.reject();
        case ECMP -> NextHop.ecmp(members.stream().mapToInt(Integer::intValue).toArray());
        case FORWARD -> ipv6 ? NextHop.forward6(interfaceId, hi, lo)
            : NextHop.forward4(interfaceId, (int) hi);
      };
    }
  }
}
