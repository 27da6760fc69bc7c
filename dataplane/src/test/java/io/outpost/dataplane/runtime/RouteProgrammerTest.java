package io.outpost.dataplane.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.outpost.dataplane.neighbor.NeighborTimers;
import io.outpost.dataplane.pipeline.DataplaneTables;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteProgrammerTest {
  private final DataplaneTables tables = new DataplaneTables(2, NeighborTimers.DEFAULTS);
  private long now = 5_000_000_000L;
  private final RouteProgrammer programmer = new RouteProgrammer(2, tables, tables::publish,
      () -> now);
  private final List<L3Interface> interfaces = List.of(iface(0), iface(1));

  private static L3Interface iface(int id) {
    return new L3Interface(id, "eth" + id, id, 0, 0x02_00_00_00_00_01L + id, 1500,
        new int[] {ip(10, 0, id, 1)}, new int[] {24}, new long[0], new int[0]);
  }

  static int ip(int a, int b, int c, int d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
  }

  private NextHop route4(int address) {
    return tables.forwarding().nextHop(tables.fib4().lookup(address));
  }

  @Test
  void connectedGatewayBlackholeAndRejectRoutesForwardAsGiven() {
    programmer.program(interfaces, List.of(
        FibRoute.ipv4(ip(10, 0, 0, 0), 24, List.of(FibRoute.Gateway.ipv4(0, 0))),
        FibRoute.ipv4(ip(198, 51, 100, 0), 24, List.of(FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 2)))),
        FibRoute.drop(false, ip(192, 0, 2, 0) & 0xffff_ffffL, 0, 24, NextHop.Kind.BLACKHOLE),
        FibRoute.drop(true, 0x2001_0db8_0000_0000L, 0, 32, NextHop.Kind.REJECT)));
    assertEquals(NextHop.forward4(0, 0), route4(ip(10, 0, 0, 9)));
    assertEquals(NextHop.forward4(1, ip(10, 0, 1, 2)), route4(ip(198, 51, 100, 7)));
    assertEquals(NextHop.Kind.BLACKHOLE, route4(ip(192, 0, 2, 1)).kind());
    assertNull(route4(ip(203, 0, 113, 1)), "no route: id 0");
    NextHop v6 = tables.forwarding().nextHop(tables.fib6().lookup(0x2001_0db8_1234_0000L, 1));
    assertEquals(NextHop.Kind.REJECT, v6.kind());
    assertEquals(interfaces.size(), tables.forwarding().interfaces().length);
  }

  @Test
  void equalNextHopsShareOneIdAndEcmpMembersAreForwards() {
    var both = List.of(FibRoute.Gateway.ipv4(0, ip(10, 0, 0, 2)),
        FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 2)));
    var change = programmer.program(interfaces, List.of(
        FibRoute.ipv4(ip(198, 51, 100, 0), 24, both),
        FibRoute.ipv4(ip(203, 0, 113, 0), 24, both.reversed()),
        FibRoute.ipv4(ip(192, 0, 2, 0), 24, both.subList(0, 1))));
    assertEquals(3, change.added());
    assertEquals(3, change.nextHops(), "two forwards and one ECMP group");
    int a = tables.fib4().lookup(ip(198, 51, 100, 1));
    assertEquals(a, tables.fib4().lookup(ip(203, 0, 113, 1)), "same group in another order");
    NextHop group = tables.forwarding().nextHop(a);
    assertEquals(NextHop.Kind.ECMP, group.kind());
    int single = tables.fib4().lookup(ip(192, 0, 2, 1));
    assertEquals(NextHop.forward4(0, ip(10, 0, 0, 2)), tables.forwarding().nextHop(single));
    for (int member : group.members()) {
      assertEquals(NextHop.Kind.FORWARD, tables.forwarding().nextHop(member).kind());
    }
  }

  @Test
  void reprogrammingTouchesOnlyTheDifference() {
    var gw = List.of(FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 2)));
    FibRoute keep = FibRoute.ipv4(ip(198, 51, 100, 0), 24, gw);
    programmer.program(interfaces, List.of(keep,
        FibRoute.ipv4(ip(203, 0, 113, 0), 24, gw)));
    var change = programmer.program(interfaces, List.of(keep,
        FibRoute.ipv4(ip(192, 0, 2, 0), 24, List.of(FibRoute.Gateway.ipv4(0, 0)))));
    assertEquals(new RouteProgrammer.Change(1, 0, 1, 2), change);
    assertNull(route4(ip(203, 0, 113, 1)));
    change = programmer.program(interfaces, List.of(FibRoute.ipv4(ip(198, 51, 100, 0), 24,
        List.of(FibRoute.Gateway.ipv4(0, ip(10, 0, 0, 3))))));
    assertEquals(1, change.changed());
    assertEquals(1, change.removed());
  }

  @Test
  void aFreedIdIsNotReusedWithinTheGracePeriod() {
    programmer.program(interfaces, List.of(FibRoute.ipv4(ip(198, 51, 100, 0), 24,
        List.of(FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 2))))));
    int old = tables.fib4().lookup(ip(198, 51, 100, 1));
    NextHop before = tables.forwarding().nextHop(old);
    programmer.program(interfaces, List.of(FibRoute.ipv4(ip(198, 51, 100, 0), 24,
        List.of(FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 3))))));
    int next = tables.fib4().lookup(ip(198, 51, 100, 1));
    assertNotEquals(old, next, "a worker may still hold the old id");
    assertSame(before, tables.forwarding().nextHop(old), "the old id keeps its meaning");

    now += RouteProgrammer.GRACE_NANOS;
    programmer.program(interfaces, List.of(FibRoute.ipv4(ip(198, 51, 100, 0), 24,
        List.of(FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 4))))));
    assertEquals(old, tables.fib4().lookup(ip(198, 51, 100, 1)), "reused after the grace period");
  }

  @Test
  void aRouteOutOfAnUnknownInterfaceIsRefusedBeforeAnythingChanges() {
    ForwardingTables before = tables.forwarding();
    assertThrows(IllegalArgumentException.class, () -> programmer.program(interfaces, List.of(
        FibRoute.ipv4(ip(198, 51, 100, 0), 24, List.of(FibRoute.Gateway.ipv4(2, 0))))));
    assertSame(before, tables.forwarding());
    assertEquals(0, tables.fib4().size());
  }

  @Test
  void ipv4AndIpv6NextHopsNeverShareAnId() {
    programmer.program(interfaces, List.of(
        FibRoute.ipv4(0, 0, List.of(new FibRoute.Gateway(0, 0, 0))),
        FibRoute.ipv6(0, 0, 0, List.of(new FibRoute.Gateway(0, 0, 0)))));
    assertNotEquals(tables.fib4().lookup(1), tables.fib6().lookup(0, 1));
    assertArrayEquals(new int[0], tables.forwarding().nextHop(tables.fib6().lookup(0, 1)).members());
  }

  @Test
  void anUpdateTouchesOnlyTheRoutesItNamesAndFreesWhatNoRouteUsesAnyMore() {
    var gw = List.of(FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 2)));
    var both = List.of(FibRoute.Gateway.ipv4(0, ip(10, 0, 0, 2)),
        FibRoute.Gateway.ipv4(1, ip(10, 0, 1, 2)));
    programmer.program(interfaces, List.of(FibRoute.ipv4(ip(10, 0, 0, 0), 24,
        List.of(FibRoute.Gateway.ipv4(0, 0)))));
    var change = programmer.update(List.of(FibRoute.ipv4(ip(198, 51, 100, 0), 24, gw),
        FibRoute.ipv4(ip(203, 0, 113, 0), 24, both)), List.of());
    assertEquals(new RouteProgrammer.Change(2, 0, 0, 4), change,
        "connected, the gateway, the ECMP group and its other member");
    assertEquals(NextHop.forward4(0, 0), route4(ip(10, 0, 0, 9)), "the program's route stays");
    assertEquals(NextHop.Kind.ECMP, route4(ip(203, 0, 113, 1)).kind());

    change = programmer.update(List.of(FibRoute.ipv4(ip(203, 0, 113, 0), 24, gw)),
        List.of(new FibRoute.Prefix(false, ip(198, 51, 100, 0) & 0xffff_ffffL, 0, 24),
            new FibRoute.Prefix(false, ip(192, 0, 2, 0) & 0xffff_ffffL, 0, 24)));
    assertEquals(new RouteProgrammer.Change(0, 1, 1, 2), change,
        "the group and its member on eth0 are freed; an unknown prefix is no removal");
    assertNull(route4(ip(198, 51, 100, 1)));
    assertEquals(NextHop.forward4(1, ip(10, 0, 1, 2)), route4(ip(203, 0, 113, 1)));
    assertEquals(2, programmer.size());
    assertThrows(IllegalArgumentException.class, () -> programmer.update(List.of(
        FibRoute.ipv4(ip(192, 0, 2, 0), 24, List.of(FibRoute.Gateway.ipv4(2, 0)))), List.of()));
    assertEquals(2, programmer.size(), "refused whole");
  }
}
