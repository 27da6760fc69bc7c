package io.outpost.controlplane.forwarding;

import inet.ipaddr.IPAddress;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.interfaces.InterfaceAddress;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import io.outpost.controlplane.routing.Rib;
import io.outpost.controlplane.routing.Route;
import io.outpost.dataplane.runtime.Dataplane;
import io.outpost.dataplane.runtime.FibRoute;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the data plane should forward with, worked out from a configuration and its RIB: one
 * layer-3 interface per port (interface id = port index) with the configured MTU and addresses,
 * and every selected route whose way out is a data-plane port, in the data plane's terms.
 *
 * <p>A pure function of the configuration, so prepare can compute it in full and commit only
 * hands it over. Routes out of interfaces that are not ports (a management interface the kernel
 * keeps) are not the data plane's and are left out.
 *
 * @param ports the port names, in index order
 * @param interfaces per port: the interface's configuration, or null when it has none
 */
public record ForwardingPlan(List<String> ports, List<InterfaceConfig> interfaces,
    List<FibRoute> routes) {

  public ForwardingPlan {
    ports = List.copyOf(ports);
    interfaces = Collections.unmodifiableList(new ArrayList<>(interfaces)); // nulls allowed
    routes = List.copyOf(routes);
  }

  public static ForwardingPlan of(ConfigTree config, Rib rib, DataplaneConfig dataplane) {
    List<String> ports = dataplane.ports();
    Map<String, InterfaceConfig> all = InterfaceConfig.all(config);
    List<InterfaceConfig> interfaces = new ArrayList<>();
    for (String port : ports) {
      interfaces.add(all.get(port));
    }
    List<FibRoute> routes = new ArrayList<>();
    for (Rib.Entry e : rib.entries()) {
      e.selected().map(c -> translate(e.prefix(), c, ports)).ifPresent(routes::add);
    }
    return new ForwardingPlan(ports, interfaces, routes);
  }

  private static FibRoute translate(IPAddress prefix, Rib.Candidate c, List<String> ports) {
    boolean v6 = prefix.isIPv6();
    long[] p = words(prefix.getLower().getBytes());
    int length = prefix.getNetworkPrefixLength();
    Route r = c.route();
    List<FibRoute.Gateway> gateways = new ArrayList<>();
    switch (r.kind()) {
      case BLACKHOLE -> {
        return FibRoute.drop(v6, p[0], p[1], length, NextHop.Kind.BLACKHOLE);
      }
      case REJECT -> {
        return FibRoute.drop(v6, p[0], p[1], length, NextHop.Kind.REJECT);
      }
      case INTERFACE -> {
        int port = ports.indexOf(r.interfaceName());
        if (port >= 0) {
          gateways.add(new FibRoute.Gateway(port, 0, 0));
        }
      }
      case GATEWAY -> {
        for (Rib.Resolved res : c.resolved()) {
          int port = res.interfaceName() == null ? -1 : ports.indexOf(res.interfaceName());
          if (port >= 0) {
            long[] gw = words(res.neighbor().getBytes());
            FibRoute.Gateway g = new FibRoute.Gateway(port, gw[0], gw[1]);
            if (!gateways.contains(g)) {
              gateways.add(g);
            }
          }
        }
      }
    }
    if (gateways.isEmpty()) {
      return null;
    }
    return new FibRoute(v6, p[0], p[1], length,
        gateways.size() > 1 ? NextHop.Kind.ECMP : NextHop.Kind.FORWARD, gateways);
  }

  /** An address's bytes as FibRoute keeps them: IPv4 in the low half of the first word. */
  private static long[] words(byte[] b) {
    if (b.length == 4) {
      return new long[] {ByteBuffer.wrap(b).getInt() & 0xffff_ffffL, 0};
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new long[] {buf.getLong(), buf.getLong()};
  }

  /** Hands the plan to a running data plane: interfaces with the ports' MACs, then routes. */
  void programInto(Dataplane dataplane) {
    List<L3Interface> l3 = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      l3.add(l3(i, ports.get(i), dataplane.ports().get(i).mac(), interfaces.get(i)));
    }
    dataplane.routes().program(l3, routes);
  }

  private static L3Interface l3(int id, String name, long mac, InterfaceConfig c) {
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
    return new L3Interface(id, name, id, 0, mac, c == null ? 1500 : c.mtu(), v4Addresses,
        v4Lengths, v6Addresses, v6Lengths);
  }
}
