package io.outpost.controlplane.routing;

import inet.ipaddr.IPAddress;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.interfaces.InterfaceAddress;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the RIB: connected routes from interface addresses plus static routes, selected by
 * administrative distance, gateways resolved recursively. Validation refuses what YANG cannot
 * see: a gateway of the other address family, an IPv6 link-local gateway without an interface,
 * a gateway that is the appliance's own address.
 *
 * <p>Routes learned at run time (BGP's best routes) come from a {@link DynamicRoutes} and join
 * the configured ones by administrative distance: at every commit, and at {@link #refresh} when
 * they change. The selected routes feed the data plane's FIB (the forwarding subsystem
 * translates them) and are what {@code show route} shows.
 */
public final class RoutingSubsystem implements Subsystem {
  /** Routes a protocol learned, as they stand now; called from any thread. */
  @FunctionalInterface
  public interface DynamicRoutes {
    DynamicRoutes NONE = List::of;

    List<Route> routes();
  }

  private final DynamicRoutes dynamic;
  private List<Route> configured = List.of();
  private volatile Rib rib = Rib.empty();

  public RoutingSubsystem() {
    this(DynamicRoutes.NONE);
  }

  public RoutingSubsystem(DynamicRoutes dynamic) {
    this.dynamic = dynamic;
  }

  @Override
  public String name() {
    return "routing";
  }

  @Override
  public Set<String> reads() {
    return Set.of("interfaces", "routing");
  }

  public Rib rib() {
    return rib;
  }

  @Override
  public void validate(ConfigTree candidate, List<ConfigError> errors) {
    List<InterfaceAddress> own = InterfaceConfig.all(candidate).values().stream()
        .flatMap(i -> i.addresses().stream()).toList();
    for (StaticRoutes.Configured c : StaticRoutes.statics(candidate)) {
      Route r = c.route();
      List<ConfigView> hops = c.view().list("next-hop");
      for (int i = 0; i < r.nextHops().size(); i++) {
        Route.NextHop nh = r.nextHops().get(i);
        ConfigView view = hops.get(i);
        IPAddress gw = nh.address();
        if (gw.isIPv4() != r.prefix().isIPv4()) {
          errors.add(new ConfigError(view.pathOf("address"), "gateway " + gw.toCanonicalString()
              + " is not of the family of the prefix " + r.prefix().toCanonicalString()));
        } else if (gw.isIPv6() && gw.isLinkLocal() && nh.interfaceName() == null) {
          errors.add(new ConfigError(view.path(), "an IPv6 link-local gateway needs an interface"));
        }
        for (InterfaceAddress a : own) {
          if (StaticRoutes.address(a.address().getHostAddress()).equals(gw)) {
            errors.add(new ConfigError(view.pathOf("address"), "gateway " + gw.toCanonicalString()
                + " is an address of this appliance"));
          }
        }
      }
    }
  }

  /** The RIB a configuration makes: its connected and static routes, selected and resolved. */
  public static Rib ribOf(ConfigTree config) {
    return Rib.build(configuredRoutes(config));
  }

  private static List<Route> configuredRoutes(ConfigTree config) {
    List<Route> routes = new ArrayList<>(StaticRoutes.connected(config));
    StaticRoutes.statics(config).forEach(c -> routes.add(c.route()));
    return routes;
  }

  /** The RIB {@code config}'s routes make with the dynamic routes as they stand now. */
  public Rib ribWith(ConfigTree config) {
    return withDynamic(configuredRoutes(config));
  }

  private Rib withDynamic(List<Route> configuredRoutes) {
    List<Route> all = new ArrayList<>(configuredRoutes);
    all.addAll(dynamic.routes());
    return Rib.build(all);
  }

  /** Rebuilds the RIB after the dynamic routes changed. */
  public synchronized void refresh() {
    rib = withDynamic(configured);
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) {
    List<Route> nextRoutes = configuredRoutes(candidate);
    Rib next = withDynamic(nextRoutes);
    return new Prepared() {
      @Override
      public void commit() {
        synchronized (RoutingSubsystem.this) {
          configured = nextRoutes;
          rib = next;
        }
      }

      @Override
      public void abort() {}
    };
  }
}
