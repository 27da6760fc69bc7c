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
 * next-hop table in which each distinct next hop has one id, and the two FIBs, changed by
 * difference so that an unchanged route is never touched.
 *
 * <p>The order of each {@link #program} keeps every burst consistent without locking the
 * workers: first a snapshot whose next-hop table holds every id old or new FIB entries use,
 * then the FIB changes, published; only then are ids no route uses any more freed, and a freed
 * id is reused only after {@link #GRACE_NANOS}, long after any burst that read it under the old
 * FIB has finished. (BIRD and VPP both refcount next hops the same way; VPP defers reuse to a
 * barrier, we to a clock, because our workers never stop for the control plane.)
 *
 * <p>One control-plane thread calls {@link #program}; the class is not thread-safe beyond that.
 */
public final class RouteProgrammer {
  /** How long a freed next-hop id stays unused before it may mean something else. */
  static final long GRACE_NANOS = 1_000_000_000L;

  private final int portCount;
  private final DataplaneTables tables;
  private final Consumer<ForwardingTables> publish;
  private final LongSupplier nanoClock;

  private final List<NextHop> table = new ArrayList<>(List.of(NextHop.blackhole()));
  private final Map<Key, Integer> ids = new HashMap<>();
  private final ArrayDeque<long[]> freed = new ArrayDeque<>();
  private Map<FibRoute.Prefix, Integer> installed = new HashMap<>();
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

  /** What one {@link #program} changed. */
  public record Change(int added, int changed, int removed, int nextHops) {}

  /**
   * Makes the data plane forward by {@code routes} out of {@code interfaces} (indexed by id).
   * A route naming an interface id outside {@code interfaces} is refused before anything
   * changes.
   */
  public Change program(List<L3Interface> interfaces, List<FibRoute> routes) {
    for (FibRoute r : routes) {
      for (FibRoute.Gateway g : r.gateways()) {
        if (g.interfaceId() < 0 || g.interfaceId() >= interfaces.size()) {
          throw new IllegalArgumentException("route via interface " + g.interfaceId() + " of "
              + interfaces.size());
        }
      }
    }
    Map<FibRoute.Prefix, Integer> wanted = new HashMap<>();
    Set<Integer> used = new HashSet<>();
    for (FibRoute r : routes) {
      wanted.put(r.prefix(), idFor(r, used));
    }
    publish.accept(new ForwardingTables(++version, portCount, interfaces, List.copyOf(table)));

    int added = 0;
    int changed = 0;
    int removed = 0;
    for (Map.Entry<FibRoute.Prefix, Integer> e : wanted.entrySet()) {
      Integer before = installed.get(e.getKey());
      if (before == null || !before.equals(e.getValue())) {
        insert(e.getKey(), e.getValue());
        if (before == null) {
          added++;
        } else {
          changed++;
        }
      }
    }
    for (FibRoute.Prefix p : installed.keySet()) {
      if (!wanted.containsKey(p)) {
        remove(p);
        removed++;
      }
    }
    tables.fib4().publish();
    tables.fib6().publish();
    installed = wanted;

    long now = nanoClock.getAsLong();
    ids.entrySet().removeIf(e -> {
      if (used.contains(e.getValue())) {
        return false;
      }
      freed.add(new long[] {e.getValue(), now});
      return true;
    });
    return new Change(added, changed, removed, ids.size());
  }

  /** The next-hop table as last published, for {@code show}: index is the id. */
  public List<NextHop> nextHops() {
    return List.copyOf(table);
  }

  private int idFor(FibRoute r, Set<Integer> used) {
    return switch (r.kind()) {
      case BLACKHOLE, REJECT -> id(new Key(r.kind(), false, -1, 0, 0, List.of()), used);
      case FORWARD -> forward(r.ipv6(), r.gateways().getFirst(), used);
      case ECMP -> {
        List<Integer> members = new ArrayList<>();
        for (FibRoute.Gateway g : r.gateways()) {
          members.add(forward(r.ipv6(), g, used));
        }
        members.sort(null);
        yield id(new Key(NextHop.Kind.ECMP, false, -1, 0, 0, List.copyOf(members)), used);
      }
    };
  }

  private int forward(boolean ipv6, FibRoute.Gateway g, Set<Integer> used) {
    return id(new Key(NextHop.Kind.FORWARD, ipv6, g.interfaceId(), g.hi(), g.lo(), List.of()), used);
  }

  private int id(Key key, Set<Integer> used) {
    Integer id = ids.get(key);
    if (id == null) {
      id = allocate();
      ids.put(key, id);
      NextHop nh = key.toNextHop();
      if (id == table.size()) {
        table.add(nh);
      } else {
        table.set(id, nh);
      }
    }
    used.add(id);
    return id;
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

  private void remove(FibRoute.Prefix p) {
    if (p.ipv6()) {
      tables.fib6().remove(p.hi(), p.lo(), p.length());
    } else {
      tables.fib4().remove((int) p.hi(), p.length());
    }
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
