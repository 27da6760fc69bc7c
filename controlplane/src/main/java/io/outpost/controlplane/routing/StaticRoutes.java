package io.outpost.controlplane.routing;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.interfaces.InterfaceAddress;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the routes the configuration offers to the RIB: static routes from {@code routing
 * static}, and the connected route of every address of every enabled interface.
 */
public final class StaticRoutes {
  private StaticRoutes() {}

  /** A static route with the configuration path it came from. */
  public record Configured(Route route, ConfigView view) {}

  public static List<Configured> statics(ConfigTree tree) {
    List<Configured> out = new ArrayList<>();
    for (ConfigView r : ConfigView.top(tree, "routing").container("static").list("route")) {
      IPAddress prefix = address(r.string("prefix"));
      int distance = (int) r.number("distance");
      Route route;
      if (r.isSet("blackhole")) {
        route = new Route(prefix, Route.Protocol.STATIC, distance, Route.Kind.BLACKHOLE, null, List.of());
      } else if (r.isSet("reject")) {
        route = new Route(prefix, Route.Protocol.STATIC, distance, Route.Kind.REJECT, null, List.of());
      } else if (r.isSet("interface")) {
        route = new Route(prefix, Route.Protocol.STATIC, distance, Route.Kind.INTERFACE, r.string("interface"), List.of());
      } else {
        List<Route.NextHop> hops = new ArrayList<>();
        for (ConfigView nh : r.list("next-hop")) {
          hops.add(new Route.NextHop(address(nh.string("address")), nh.string("interface")));
        }
        route = new Route(prefix, Route.Protocol.STATIC, distance, Route.Kind.GATEWAY, null, hops);
      }
      out.add(new Configured(route, r));
    }
    return out;
  }

  public static List<Route> connected(ConfigTree tree) {
    List<Route> out = new ArrayList<>();
    for (InterfaceConfig i : InterfaceConfig.all(tree).values()) {
      if (!i.enabled()) {
        continue;
      }
      for (InterfaceAddress a : i.addresses()) {
        IPAddress prefix = address(a.toString()).toPrefixBlock();
        out.add(new Route(prefix, Route.Protocol.CONNECTED, 0, Route.Kind.INTERFACE, i.name(), List.of()));
      }
    }
    return out;
  }

  /** The schema guarantees canonical, valid text, so parsing cannot fail here. */
  static IPAddress address(String text) {
    return new IPAddressString(text).getAddress();
  }
}
