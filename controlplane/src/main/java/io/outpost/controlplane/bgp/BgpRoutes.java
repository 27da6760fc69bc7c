package io.outpost.controlplane.bgp;

import inet.ipaddr.IPAddress;
import io.outpost.bgp.rib.LocRib;
import io.outpost.bgp.wire.Family;
import io.outpost.controlplane.routing.Route;
import io.outpost.controlplane.routing.RoutingSubsystem;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BGP's best routes as the routing table takes them: per prefix, the next hops of the best path
 * and its equal-cost companions, and whether it was learned over eBGP (which decides its
 * administrative distance). Written on the speaker's event loop as best paths change, read by
 * the routing table's rebuilds on another thread; each change is passed on to {@code changed}
 * (which batches them). Routes we originate ourselves have no next hop and stay out.
 */
final class BgpRoutes implements LocRib.Listener, RoutingSubsystem.DynamicRoutes {
  /** A prefix's best path as far as forwarding cares. */
  record Best(List<InetAddress> nextHops, boolean external) {}

  private final ConcurrentHashMap<IPAddress, Best> best = new ConcurrentHashMap<>();
  private final Runnable changed;
  private volatile int externalDistance = 20;
  private volatile int internalDistance = 200;

  BgpRoutes(Runnable changed) {
    this.changed = changed;
  }

  @Override
  public void bestChanged(Family family, long hi, long lo, int length,
      io.outpost.bgp.rib.Route route, List<io.outpost.bgp.rib.Route> multipath) {
    IPAddress prefix = Prefixes.prefix(family, hi, lo, length);
    List<InetAddress> hops = new ArrayList<>();
    if (route != null) {
      for (io.outpost.bgp.rib.Route r : multipath) {
        if (r.attributes().nextHop().length > 0) {
          InetAddress hop = r.attributes().nextHopAddress();
          if (!hops.contains(hop)) {
            hops.add(hop);
          }
        }
      }
    }
    Best before = hops.isEmpty() ? best.remove(prefix)
        : best.put(prefix, new Best(List.copyOf(hops), route.source().external()));
    if (before != null || !hops.isEmpty()) {
      changed.run();
    }
  }

  /** Sets the administrative distances; a change re-ranks every BGP route. */
  void distances(int external, int internal) {
    if (external != externalDistance || internal != internalDistance) {
      externalDistance = external;
      internalDistance = internal;
      changed.run();
    }
  }

  /** Forgets every route (the speaker stopped). */
  void clear() {
    if (!best.isEmpty()) {
      best.clear();
      changed.run();
    }
  }

  int size() {
    return best.size();
  }

  @Override
  public List<Route> routes() {
    List<Route> out = new ArrayList<>(best.size());
    int external = externalDistance;
    int internal = internalDistance;
    best.forEach((prefix, b) -> {
      List<Route.NextHop> hops = new ArrayList<>();
      for (InetAddress a : b.nextHops()) {
        hops.add(new Route.NextHop(Prefixes.address(a), null));
      }
      out.add(new Route(prefix, Route.Protocol.BGP, b.external() ? external : internal,
          Route.Kind.GATEWAY, null, hops));
    });
    return out;
  }
}
