package io.outpost.controlplane.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.dataplane.kernel.KernelRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which routes the kernel is given: the selected static ones, in kernel terms. */
class KernelRoutesPlanTest {
  private static final String CONFIG = """
      {
        "outpost-interfaces:interfaces": {"interface": [
          {"name": "eth0", "ipv4": {"address": [{"ip": "10.1.0.1/24"}]}},
          {"name": "eth1", "ipv4": {"address": [{"ip": "10.2.0.1/24"}]}},
          {"name": "eth2", "enabled": false}]},
        "outpost-routing:routing": {"static": {"route": [
          {"prefix": "0.0.0.0/0", "next-hop": [{"address": "10.1.0.254"}]},
          {"prefix": "203.0.113.0/24", "next-hop": [{"address": "198.51.100.7"}]},
          {"prefix": "198.51.100.0/24", "next-hop": [{"address": "10.2.0.9"}]},
          {"prefix": "100.64.0.0/10", "next-hop": [{"address": "10.1.0.9"}, {"address": "10.2.0.9"}]},
          {"prefix": "192.0.2.0/24", "blackhole": [null]},
          {"prefix": "192.0.2.128/25", "reject": [null]},
          {"prefix": "172.16.0.0/12", "interface": "eth1"},
          {"prefix": "172.32.0.0/12", "interface": "eth2"}]}}
      }
      """;

  private final Map<IPAddress, KernelRoutesSubsystem.Planned> plan = KernelRoutesSubsystem.plan(
      ConfigJson.read(OutpostModules.schema(), CONFIG));

  KernelRoutesPlanTest() throws Exception {}

  private static IPAddress ip(String s) {
    return new IPAddressString(s).getAddress();
  }

  private KernelRoutesSubsystem.Planned route(String prefix) {
    return plan.get(ip(prefix));
  }

  private static Rib.WayOut hop(String name, String gateway) {
    return new Rib.WayOut(name, gateway == null ? null : ip(gateway));
  }

  @Test
  void gatewaysResolveToTheirOnLinkNeighborAndInterface() {
    assertEquals(List.of(hop("eth0", "10.1.0.254")), route("0.0.0.0/0").hops());
    assertEquals(List.of(hop("eth1", "10.2.0.9")), route("203.0.113.0/24").hops(),
        "recursive: via 198.51.100.7, itself via 10.2.0.9");
    assertEquals(List.of(hop("eth0", "10.1.0.9"), hop("eth1", "10.2.0.9")),
        route("100.64.0.0/10").hops());
    assertEquals(List.of(hop("eth1", null)), route("172.16.0.0/12").hops());
  }

  @Test
  void dropsKeepTheirKindAndConnectedRoutesAreTheKernelsOwn() {
    assertEquals(KernelRoute.Type.BLACKHOLE, route("192.0.2.0/24").type());
    assertEquals(KernelRoute.Type.PROHIBIT, route("192.0.2.128/25").type());
    assertFalse(plan.containsKey(ip("10.1.0.0/24")), "connected");
    assertFalse(plan.containsKey(ip("172.32.0.0/12")), "through a disabled interface");
  }
}
