package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.interfaces.InterfaceAddress;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import io.outpost.controlplane.routing.LearnedRoutes;
import io.outpost.controlplane.routing.Rib;
import io.outpost.controlplane.routing.Selection;
import io.outpost.dataplane.runtime.Dataplane;
import io.outpost.dataplane.runtime.FibRoute;
import io.outpost.dataplane.runtime.RouteProgrammer;
import io.outpost.dataplane.runtime.Subinterface;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the data plane should forward with, worked out from a configuration and its routes: one
 * layer-3 interface per port and per VLAN sub-interface of a port, with the configured MTU and
 * addresses, and every selected route whose way out is one of them, in the data plane's terms.
 *
 * <p>The interfaces are a pure function of the configuration, so prepare can compute them in
 * full and commit only hands them over. The routes come from a {@link Selection}, whose learned
 * routes change between commits: {@link #routes()} and {@link #programInto} take them as they
 * stand then, and {@link #translate} turns a single changed one into a FIB route for the
 * changes in between. The routes' gateways name interfaces by their position in {@link #interfaces}
 * (ports first, in port order, then sub-interfaces); {@link #programInto} maps positions to the
 * running data plane's interface ids, which a sub-interface keeps for its life. Routes out of
 * interfaces that are not the data plane's (a management interface the kernel keeps) are left
 * out.
 *
 * @param ports the port names, in index order
 * @param interfaces the ports, then the sub-interfaces
 */
public record ForwardingPlan(List<String> ports, List<Planned> interfaces, Selection selection) {

  /**
   * One interface to program.
   *
   * @param port the index of the port it sits on
   * @param vlan its VLAN id, 0 for a port's untagged interface
   * @param config its configuration, or null when the port has none
   */
  public record Planned(String name, int port, int vlan, InterfaceConfig config) {
    /** Whether it is administratively up (a port without configuration is). */
    public boolean enabled() {
      return config == null || config.enabled();
    }

    /** The MTU the data plane checks against: the configured one, else Ethernet's. */
    public int mtu() {
      return config == null ? 1500 : config.mtu();
    }
  }

  public ForwardingPlan {
    ports = List.copyOf(ports);
    interfaces = List.copyOf(interfaces);
  }

  /** The plan of a configuration without learned routes. */
  public static ForwardingPlan of(ConfigTree config, Rib rib, DataplaneConfig dataplane) {
    return of(config, new Selection(rib, LearnedRoutes.NONE), dataplane);
  }

  public static ForwardingPlan of(ConfigTree config, Selection selection,
      DataplaneConfig dataplane) {
    List<String> ports = dataplane.ports();
    Map<String, InterfaceConfig> all = InterfaceConfig.all(config);
    List<Planned> interfaces = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      interfaces.add(new Planned(ports.get(i), i, 0, all.get(ports.get(i))));
    }
    for (Subinterface s : dataplane.subinterfaces()) {
      interfaces.add(new Planned(s.name(), s.port(), s.vlan(), all.get(s.name())));
    }
    return new ForwardingPlan(ports, interfaces, selection);
  }

  /** Every route to program now, with gateways naming interfaces by plan position. */
  public List<FibRoute> routes() {
    List<FibRoute> routes = new ArrayList<>();
    selection.forEach((v6, hi, lo, length, f) -> {
      FibRoute r = translate(v6, hi, lo, length, f);
      if (r != null) {
        routes.add(r);
      }
    });
    return routes;
  }

  /**
   * The FIB route of one prefix forwarded as {@code f} (null: not forwarded), with gateways
   * naming interfaces by plan position; null when none of its ways out is a data-plane
   * interface that is up.
   */
  FibRoute translate(boolean v6, long hi, long lo, int length, Selection.Forwarding f) {
    if (f == null) {
      return null;
    }
    switch (f.kind()) {
      case BLACKHOLE -> {
        return FibRoute.drop(v6, hi, lo, length, NextHop.Kind.BLACKHOLE);
      }
      case REJECT -> {
        return FibRoute.drop(v6, hi, lo, length, NextHop.Kind.REJECT);
      }
      default -> {
        // forwards: its ways out below
      }
    }
    List<FibRoute.Gateway> gateways = new ArrayList<>(f.waysOut().size());
    for (Rib.WayOut w : f.waysOut()) {
      int at = position(w.interfaceName());
      if (at >= 0) {
        long[] gw = w.gateway() == null ? new long[2] : words(w.gateway().getBytes());
        boolean viaIpv6 = !v6 && w.gateway() != null && w.gateway().isIPv6(); // RFC 8950
        gateways.add(new FibRoute.Gateway(at, gw[0], gw[1], viaIpv6));
      }
    }
    if (gateways.isEmpty()) {
      return null;
    }
    return new FibRoute(v6, hi, lo, length,
        gateways.size() > 1 ? NextHop.Kind.ECMP : NextHop.Kind.FORWARD, gateways);
  }

  /** The plan position of an interface routes may leave through (up), or -1. */
  private int position(String name) {
    for (int i = 0; i < interfaces.size(); i++) {
      Planned p = interfaces.get(i);
      if (p.name().equals(name)) {
        return p.enabled() ? i : -1; // a disabled interface is no way out
      }
    }
    return -1;
  }

  /** An address's bytes as FibRoute keeps them: IPv4 in the low half of the first word. */
  private static long[] words(byte[] b) {
    if (b.length == 4) {
      return new long[] {ByteBuffer.wrap(b).getInt() & 0xffff_ffffL, 0};
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new long[] {buf.getLong(), buf.getLong()};
  }

  /**
   * Hands the plan to a running data plane (whose sub-interfaces are this plan's): interfaces
   * with the ports' MACs, then routes, with plan positions turned into interface ids.
   */
  void programInto(Dataplane dataplane) {
    int[] ids = ids(dataplane);
    List<L3Interface> l3 = new ArrayList<>();
    for (int i = 0; i < interfaces.size(); i++) {
      Planned p = interfaces.get(i);
      l3.add(l3(ids[i], p, dataplane.ports().get(p.port()).mac()));
    }
    List<FibRoute> mapped = new ArrayList<>();
    for (FibRoute r : routes()) {
      mapped.add(mapped(r, ids));
    }
    dataplane.routes().program(l3, mapped);
  }

  /**
   * How many learned changes one burst programs (one publish of the FIBs' dirty parts): enough
   * that a full table arriving is a few publishes, each rebuilding the FIB from its store,
   * rather than a hundred incremental ones that leave the old versions of most chunks behind
   * (at 16,384 a full table made almost a gigabyte of garbage in the FIB's arrays).
   */
  static final int UPDATE_CHUNK = 1 << 18;

  /**
   * Programs the changes of learned routes since the last call ({@link
   * LearnedRoutes#drainChanges}) into a running data plane this plan was programmed into, in
   * their order, {@link #UPDATE_CHUNK} at a time: each changed prefix is forwarded as the
   * selection says now, or removed. The FIB route of each distinct way of forwarding is made
   * once per burst, so a full table costs no object per prefix.
   *
   * @return whether every route is to be programmed again instead (see drainChanges)
   */
  boolean updateInto(Dataplane dataplane, LearnedRoutes learned) {
    return updateInto(ids(dataplane), dataplane.routes(), learned);
  }

  /** {@link #updateInto(Dataplane, LearnedRoutes)}, given the interface ids it runs with. */
  boolean updateInto(int[] ids, RouteProgrammer programmer, LearnedRoutes learned) {
    LearnedBurst burst = new LearnedBurst(ids, programmer);
    boolean all = learned.drainChanges(burst::change);
    burst.publish();
    return all;
  }

  /** One burst after another of learned changes, each published every UPDATE_CHUNK changes. */
  private final class LearnedBurst {
    private final int[] ids;
    private final RouteProgrammer programmer;
    private final Map<Selection.Forwarding, FibRoute> ways4 = new IdentityHashMap<>();
    private final Map<Selection.Forwarding, FibRoute> ways6 = new IdentityHashMap<>();
    private RouteProgrammer.Burst burst;
    private int changes;

    LearnedBurst(int[] ids, RouteProgrammer programmer) {
      this.ids = ids;
      this.programmer = programmer;
    }

    void change(boolean v6, long hi, long lo, int length, LearnedRoutes.Path path) {
      if (burst == null) {
        burst = programmer.burst();
      }
      Selection.Forwarding f = selection.forwarding(v6, hi, lo, length, path);
      FibRoute how = NOT_FORWARDED;
      if (f != null) {
        Map<Selection.Forwarding, FibRoute> ways = v6 ? ways6 : ways4;
        how = ways.get(f);
        if (how == null) {
          FibRoute r = translate(v6, 0, 0, 0, f);
          how = r == null ? NOT_FORWARDED : mapped(r, ids);
          ways.put(f, how);
        }
      }
      if (how == NOT_FORWARDED) {
        burst.remove(v6, hi, lo, length);
      } else {
        burst.upsert(v6, hi, lo, length, how);
      }
      if (++changes == UPDATE_CHUNK) {
        publish();
      }
    }

    void publish() {
      if (burst != null) {
        burst.publish();
        burst = null;
        changes = 0;
      }
    }
  }

  /** The way of forwarding of a prefix that has no data-plane way out (compared by identity). */
  private static final FibRoute NOT_FORWARDED =
      FibRoute.drop(false, 0, 0, 0, NextHop.Kind.BLACKHOLE);

  /** The running data plane's interface id of each plan position. */
  private int[] ids(Dataplane dataplane) {
    int[] ids = new int[interfaces.size()];
    for (int i = 0; i < interfaces.size(); i++) {
      ids[i] = dataplane.interfaceId(interfaces.get(i).name());
      if (ids[i] < 0) {
        throw new IllegalStateException("the data plane has no interface "
            + interfaces.get(i).name());
      }
    }
    return ids;
  }

  private static FibRoute mapped(FibRoute r, int[] ids) {
    if (r.gateways().isEmpty()) {
      return r;
    }
    List<FibRoute.Gateway> gateways = new ArrayList<>(r.gateways().size());
    for (FibRoute.Gateway g : r.gateways()) {
      gateways.add(
          new FibRoute.Gateway(ids[g.interfaceId()], g.hi(), g.lo(), g.viaIpv6()));
    }
    return new FibRoute(r.ipv6(), r.hi(), r.lo(), r.length(), r.kind(), gateways);
  }

  private static L3Interface l3(int id, Planned p, long mac) {
    InterfaceConfig c = p.config();
    List<InterfaceAddress> addresses = c == null || !c.enabled() ? List.of() : c.addresses();
    List<InterfaceAddress> v4 = addresses.stream().filter(a -> a.address() instanceof Inet4Address)
        .toList();
    List<InterfaceAddress> v6 = addresses.stream().filter(a -> !(a.address() instanceof Inet4Address))
        .toList();
    int[] v4Addresses = new int[v4.size()];
    int[] v4Lengths = new int[v4.size()];
    for (int i = 0; i < v4.size(); i++) {
      v4Addresses[i] = (int) words(v4.get(i).address().getAddress())[0];
      v4Lengths[i] = v4.get(i).prefixLength();
    }
    long[] v6Addresses = new long[2 * v6.size()];
    int[] v6Lengths = new int[v6.size()];
    for (int i = 0; i < v6.size(); i++) {
      long[] w = words(v6.get(i).address().getAddress());
      v6Addresses[2 * i] = w[0];
      v6Addresses[2 * i + 1] = w[1];
      v6Lengths[i] = v6.get(i).prefixLength();
    }
    return new L3Interface(id, p.name(), p.port(), p.vlan(), mac, p.mtu(), v4Addresses,
        v4Lengths, v6Addresses, v6Lengths, p.enabled());
  }
}
