package io.outpost.controlplane.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.routing.LearnedRoutes;
import io.outpost.controlplane.routing.RoutingSubsystem;
import io.outpost.dataplane.neighbor.NeighborTimers;
import io.outpost.dataplane.pipeline.DataplaneTables;
import io.outpost.dataplane.runtime.FibRoute;
import io.outpost.dataplane.runtime.RouteProgrammer;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingPlanTest {
  private static final String CONFIG = """
      {
        "outpost-interfaces:interfaces": {"interface": [
          {"name": "eth0", "mtu": 9000, "ipv4": {"address": [{"ip": "10.1.0.1/24"}]}},
          {"name": "eth1", "ipv4": {"address": [{"ip": "10.2.0.1/24"}]},
           "ipv6": {"address": [{"ip": "2001:db8:2::1/64"}]}},
          {"name": "mgmt0", "ipv4": {"address": [{"ip": "192.168.0.1/24"}]}},
          {"name": "eth1.100", "vlan": {"parent": "eth1", "id": 100},
           "ipv4": {"address": [{"ip": "10.3.0.1/24"}]}}]},
        "outpost-routing:routing": {"static": {"route": [
          {"prefix": "198.51.100.0/24", "next-hop": [{"address": "10.2.0.9"}]},
          {"prefix": "203.0.113.0/24", "next-hop": [{"address": "198.51.100.7"}]},
          {"prefix": "100.64.0.0/10", "next-hop": [{"address": "10.1.0.9"}, {"address": "10.2.0.9"}]},
          {"prefix": "172.16.0.0/12", "next-hop": [{"address": "192.168.0.254"}]},
          {"prefix": "192.0.2.0/24", "blackhole": [null]},
          {"prefix": "198.18.0.0/15", "next-hop": [{"address": "10.3.0.9"}]},
          {"prefix": "10.9.0.0/16", "next-hop": [{"address": "2001:db8:2::9"}]}]}},
        "outpost-dataplane:dataplane": {"port": ["eth0", "eth1"]}
      }
      """;

  private final ConfigTree config = ConfigJson.read(OutpostModules.schema(), CONFIG);
  private final ForwardingPlan plan = ForwardingPlan.of(config, RoutingSubsystem.ribOf(config),
      DataplaneConfig.read(config).orElseThrow());

  ForwardingPlanTest() throws Exception {}

  private FibRoute route(int prefix, int length) {
    return plan.routes().stream().filter(r -> !r.ipv6() && r.hi() == (prefix & 0xffff_ffffL)
        && r.length() == length).findFirst().orElse(null);
  }

  /**
   * Learned changes go into a real RouteProgrammer's FIB in their order: a prefix that changed
   * twice in a batch ends as its last change says, one with no data-plane way out (via mgmt0)
   * or no route is not forwarded, and prefixes through one gateway share one next hop.
   */
  @Test
  void learnedChangesAreProgrammedInTheirOrderThroughOneNextHopPerWay() throws Exception {
    DataplaneTables tables = new DataplaneTables(2, NeighborTimers.DEFAULTS);
    RouteProgrammer programmer = new RouteProgrammer(2, tables, tables::publish, System::nanoTime);
    programmer.program(List.of(iface(0), iface(1), iface(2)), List.of());
    LearnedRoutes.Path viaEth1 = new LearnedRoutes.Path(
        List.of(java.net.InetAddress.getByName("10.2.0.9")), true);
    LearnedRoutes.Path viaMgmt = new LearnedRoutes.Path(
        List.of(java.net.InetAddress.getByName("192.168.0.9")), true);
    record Change(long hi, int length, LearnedRoutes.Path path) {}
    List<Change> changes = List.of(
        new Change(0xc633_6400L, 24, null), // 198.51.100.0/24 gone ...
        new Change(0x0b00_0000L, 8, viaEth1),
        new Change(0xc633_6400L, 24, viaEth1), // ... and back
        new Change(0x0c00_0000L, 8, viaEth1),
        new Change(0x0d00_0000L, 8, viaMgmt),
        new Change(0x0c00_0000L, 8, null));
    LearnedRoutes learned = new LearnedRoutes() {
      @Override
      public void forEach(Visitor visitor) {}

      @Override
      public boolean drainChanges(Visitor visitor) {
        changes.forEach(c -> visitor.visit(false, c.hi(), 0, c.length(), c.path()));
        return false;
      }

      @Override
      public int distance(Path path) {
        return 20;
      }
    };
    assertFalse(plan.updateInto(new int[] {0, 1, 2}, programmer, learned));
    NextHop eth1 = NextHop.forward4(1, 0x0a02_0009);
    assertEquals(eth1, tables.forwarding().nextHop(tables.fib4().lookup(0xc633_6401)));
    assertEquals(eth1, tables.forwarding().nextHop(tables.fib4().lookup(0x0b01_0203)));
    assertEquals(0, tables.fib4().lookup(0x0c01_0203), "withdrawn after it came");
    assertEquals(0, tables.fib4().lookup(0x0d01_0203), "no data-plane way out");
    assertEquals(2, tables.fib4().size());
    assertEquals(2, programmer.nextHops().size(), "the blackhole id and one forward");
  }

  private static L3Interface iface(int id) {
    return new L3Interface(id, "eth" + id, Math.min(id, 1), id == 2 ? 100 : 0,
        0x02_00_00_00_00_01L + id, 1500, new int[0], new int[0], new long[0], new int[0]);
  }

  @Test
  void interfacesArePortsInOrderWithTheirConfiguration() {
    assertEquals(List.of("eth0", "eth1"), plan.ports());
    assertEquals(9000, plan.interfaces().get(0).mtu());
    assertEquals("eth1", plan.interfaces().get(1).name());
  }

  @Test
  void vlanSubInterfacesFollowThePortsOnTheirParentWithTheirTag() {
    ForwardingPlan.Planned vlan = plan.interfaces().get(2);
    assertEquals(new ForwardingPlan.Planned("eth1.100", 1, 100, vlan.config()), vlan);
    assertEquals(3, plan.interfaces().size(), "mgmt0 is not the data plane's");
    assertEquals(List.of(new FibRoute.Gateway(2, 0, 0)), route(0x0a_03_00_00, 24).gateways());
    assertEquals(List.of(FibRoute.Gateway.ipv4(2, 0x0a_03_00_09)),
        route(0xc6_12_00_00, 15).gateways(), "a static route via a neighbor on the VLAN");
  }

  @Test
  void connectedRoutesGoOutOfTheirPortWithNoGateway() {
    assertEquals(List.of(new FibRoute.Gateway(1, 0, 0)), route(0x0a_02_00_00, 24).gateways());
    FibRoute v6 = plan.routes().stream().filter(FibRoute::ipv6).findFirst().orElseThrow();
    assertEquals(0x2001_0db8_0002_0000L, v6.hi());
    assertEquals(64, v6.length());
  }

  @Test
  void recursiveGatewaysResolveToTheOnLinkNeighbor() {
    FibRoute.Gateway direct = FibRoute.Gateway.ipv4(1, 0x0a_02_00_09);
    assertEquals(List.of(direct), route(0xc6_33_64_00, 24).gateways());
    assertEquals(List.of(direct), route(0xcb_00_71_00, 24).gateways(),
        "203.0.113.0/24 via 198.51.100.7, itself via 10.2.0.9 on eth1");
  }

  @Test
  void anIpv4RouteViaAnIpv6GatewaySaysSo() {
    assertEquals(List.of(new FibRoute.Gateway(1, 0x2001_0db8_0002_0000L, 9, true)),
        route(0x0a_09_00_00, 16).gateways(), "RFC 8950's shape, here from a static route");
  }

  @Test
  void severalGatewaysMakeAnEcmpRouteAndDropsStayDrops() {
    FibRoute ecmp = route(0x64_40_00_00, 10);
    assertEquals(NextHop.Kind.ECMP, ecmp.kind());
    assertEquals(List.of(FibRoute.Gateway.ipv4(0, 0x0a_01_00_09),
        FibRoute.Gateway.ipv4(1, 0x0a_02_00_09)), ecmp.gateways());
    assertEquals(NextHop.Kind.BLACKHOLE, route(0xc0_00_02_00, 24).kind());
  }

  @Test
  void anInterfaceThatIsDownIsNoWayOut() throws Exception {
    ConfigTree down = ConfigJson.read(OutpostModules.schema(), """
        {
          "outpost-interfaces:interfaces": {"interface": [
            {"name": "eth0", "enabled": false, "ipv4": {"address": [{"ip": "10.1.0.1/24"}]}},
            {"name": "eth1", "ipv4": {"address": [{"ip": "10.2.0.1/24"}]}}]},
          "outpost-routing:routing": {"static": {"route": [
            {"prefix": "198.51.100.0/24", "interface": "eth0"},
            {"prefix": "100.64.0.0/10", "next-hop": [{"address": "10.1.0.9"},
                                                     {"address": "10.2.0.9"}]}]}},
          "outpost-dataplane:dataplane": {"port": ["eth0", "eth1"]}
        }
        """);
    ForwardingPlan p = ForwardingPlan.of(down, RoutingSubsystem.ribOf(down),
        DataplaneConfig.read(down).orElseThrow());
    assertFalse(p.interfaces().get(0).enabled());
    assertTrue(p.routes().stream().noneMatch(r -> !r.ipv6() && r.length() == 24
        && r.hi() == 0xc6_33_64_00L), "the route out of eth0 is not programmed");
    FibRoute ecmp = p.routes().stream().filter(r -> r.length() == 10).findFirst().orElseThrow();
    assertEquals(List.of(FibRoute.Gateway.ipv4(1, 0x0a_02_00_09)), ecmp.gateways(),
        "only the gateway on eth1 is left");
  }

  @Test
  void routesOutOfInterfacesThatAreNotPortsAreLeftToTheKernel() {
    assertNull(route(0xc0_a8_00_00, 24), "mgmt0's connected route");
    assertNull(route(0xac_10_00_00, 12), "a static route via mgmt0");
  }
}
