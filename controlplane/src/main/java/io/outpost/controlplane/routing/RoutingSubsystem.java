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
 * <p>Routes learned at run time (BGP's best routes) come from {@link LearnedRoutes} and are
 * weighed against the configured ones by administrative distance in a {@link Selection}, prefix
 * by prefix, without joining the RIB: the forwarding subsystem programs what the selection
 * picks, at commit in full and between commits by the learned prefixes that changed.
 * {@code show route} shows both.
 */
public final class RoutingSubsystem implements Subsystem {
  private final LearnedRoutes learned;
  private volatile Selection selection;

  public RoutingSubsystem() {
    this(LearnedRoutes.NONE);
  }

  public RoutingSubsystem(LearnedRoutes learned) {
    this.learned = learned;
    this.selection = new Selection(Rib.empty(), learned);
  }

  @Override
  public String name() {
    return "routing";
  }

  @Override
  public Set<String> reads() {
    return Set.of("interfaces", "routing");
  }

  /**
   * The whole RIB, learned routes included, for {@code show route}: built when asked, which for
   * a full table takes a while.
   */
  public Rib rib() {
    Selection s = selection;
    List<Route> all = new ArrayList<>(s.configured().routes());
    all.addAll(s.learnedRoutes());
    return Rib.build(all);
  }

  /** The configured routes and the learned ones, as committed last. */
  public Selection selection() {
    return selection;
  }

  public LearnedRoutes learned() {
    return learned;
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

  /** The selection {@code config}'s routes make with the learned routes. */
  public Selection selectionWith(ConfigTree config) {
    return new Selection(ribOf(config), learned);
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) {
    Selection next = selectionWith(candidate);
    return new Prepared() {
      @Override
      public void commit() {
        selection = next;
      }

      @Override
      public void abort() {}
    };
  }
}
