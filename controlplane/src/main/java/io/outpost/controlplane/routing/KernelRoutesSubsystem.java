package io.outpost.controlplane.routing;

import inet.ipaddr.IPAddress;
import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import io.outpost.controlplane.log.Log;
import io.outpost.dataplane.kernel.KernelRoute;
import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.NetlinkException;
import io.outpost.dataplane.kernel.RtNetlink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives the kernel the selected static routes, so that the appliance's own traffic (SSH and
 * NETCONF answers to a management station behind a router, syslog, a BGP session to a peer that
 * is not on a connected subnet) finds its way, and so that the kernel forwards by them when
 * Outpost's data plane does not run. Connected routes are the kernel's own, made from the
 * addresses. With the data plane, a route's interface is the port's TAP mirror: what the kernel
 * sends there leaves through the port.
 *
 * <p>Routes are installed with protocol static and one metric ({@link KernelRoute#METRIC}), by
 * replace, so that a commit is idempotent: every commit that touches interfaces, routing or the
 * data plane (which recreates the mirrors, and the kernel drops routes with their device)
 * installs the whole selected set again and deletes what the previous configuration had and this
 * one has not. The first commit after the daemon starts also deletes any route of Outpost's
 * (protocol static, metric 20) that the configuration does not have: a daemon that was killed
 * may have left some. A hop through an interface that is absent or disabled is left out.
 */
public final class KernelRoutesSubsystem implements Subsystem {
  private static final Log LOG = Log.get("routing");

  private final RtNetlink netlink;
  private boolean swept;

  public KernelRoutesSubsystem(RtNetlink netlink) {
    this.netlink = netlink;
  }

  @Override
  public String name() {
    return "kernel-routes";
  }

  @Override
  public Set<String> reads() {
    return Set.of("interfaces", "routing", "dataplane");
  }

  /** A route to install, its hops naming interfaces (resolved to indexes at commit). */
  record Planned(IPAddress prefix, KernelRoute.Type type, List<Rib.WayOut> hops) {}

  /** The selected static routes of {@code config}, by prefix. */
  static Map<IPAddress, Planned> plan(ConfigTree config) {
    Map<String, InterfaceConfig> interfaces = InterfaceConfig.all(config);
    Map<IPAddress, Planned> out = new LinkedHashMap<>();
    for (Rib.Entry e : RoutingSubsystem.ribOf(config).entries()) {
      e.selected().filter(c -> c.route().protocol() == Route.Protocol.STATIC).ifPresent(c -> {
        switch (c.route().kind()) {
          case BLACKHOLE -> out.put(e.prefix(), new Planned(e.prefix(),
              KernelRoute.Type.BLACKHOLE, List.of()));
          case REJECT -> out.put(e.prefix(), new Planned(e.prefix(), KernelRoute.Type.PROHIBIT,
              List.of()));
          default -> {
            List<Rib.WayOut> hops = new ArrayList<>(c.waysOut());
            hops.removeIf(h -> interfaces.containsKey(h.interfaceName())
                && !interfaces.get(h.interfaceName()).enabled());
            if (!hops.isEmpty()) {
              out.put(e.prefix(), new Planned(e.prefix(), KernelRoute.Type.UNICAST, hops));
            }
          }
        }
      });
    }
    return out;
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) {
    Map<IPAddress, Planned> before = plan(running);
    Map<IPAddress, Planned> after = plan(candidate);
    return new Prepared() {
      @Override
      public void commit() throws ApplyException {
        try {
          if (!swept) {
            sweep(after);
            swept = true;
          }
          apply(before, after);
        } catch (NetlinkException e) {
          LOG.error("the kernel refused a route; putting the previous ones back", "error",
              e.getMessage());
          try {
            apply(after, before);
          } catch (NetlinkException again) {
            LOG.error("cannot put the previous kernel routes back", "error", again.getMessage());
          }
          throw new ApplyException(null, "the kernel refused a route: " + e.getMessage(), e);
        }
      }

      @Override
      public void abort() {}
    };
  }

  /** Installs {@code after} whole and deletes what only {@code before} had. */
  private void apply(Map<IPAddress, Planned> before, Map<IPAddress, Planned> after) {
    Map<String, Integer> ifindex = new HashMap<>();
    for (Link l : netlink.links()) {
      ifindex.put(l.name(), l.index());
    }
    for (Planned p : before.values()) {
      if (!after.containsKey(p.prefix())) {
        netlink.deleteRoute(destination(p.prefix()));
      }
    }
    for (Planned p : after.values()) {
      List<KernelRoute.Hop> hops = new ArrayList<>();
      for (Rib.WayOut h : p.hops()) {
        Integer index = ifindex.get(h.interfaceName());
        if (index != null) {
          hops.add(new KernelRoute.Hop(index, h.gateway() == null ? null
              : address(h.gateway())));
        }
      }
      if (p.type() == KernelRoute.Type.UNICAST && hops.isEmpty()) {
        LOG.warn("no interface for a route in the kernel", "prefix",
            p.prefix().toCanonicalString());
        continue;
      }
      netlink.replaceRoute(new KernelRoute(address(p.prefix()),
          p.prefix().getNetworkPrefixLength(), p.type(), hops));
    }
  }

  /**
   * Deletes the routes an earlier run of the daemon installed and the configuration no longer
   * has (it stopped between installing and deleting, or was killed): once, at the first commit.
   */
  private void sweep(Map<IPAddress, Planned> wanted) {
    Set<KernelRoute.Destination> keep = new java.util.HashSet<>();
    wanted.keySet().forEach(p -> keep.add(destination(p)));
    for (KernelRoute.Destination d : netlink.ownRoutes()) {
      if (!keep.contains(d)) {
        netlink.deleteRoute(d);
        LOG.info("left-over kernel route deleted", "prefix", d.toString());
      }
    }
  }

  private static KernelRoute.Destination destination(IPAddress prefix) {
    return new KernelRoute.Destination(address(prefix), prefix.getNetworkPrefixLength());
  }

  private static InetAddress address(IPAddress a) {
    try {
      return InetAddress.getByAddress(a.getLower().getBytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
    }
  }
}
