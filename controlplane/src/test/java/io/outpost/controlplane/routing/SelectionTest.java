package io.outpost.controlplane.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.OutpostModules;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How learned routes are weighed against configured ones prefix by prefix. The learned routes
 * here are a fixed list standing in for BGP's (BgpIT runs the real speaker against BIRD).
 */
class SelectionTest {
  private static final long P198 = 0xc6336400L; // 198.51.100.0/24
  private static final long P203 = 0xcb007100L; // 203.0.113.0/24
  private static final long P192 = 0xc0000200L; // 192.0.2.0/24

  private final Rib configured = RoutingSubsystem.ribOf(ConfigJson.read(OutpostModules.schema(),
      """
      {
        "outpost-interfaces:interfaces": {"interface": [
          {"name": "eth0", "ipv4": {"address": [{"ip": "10.1.0.1/24"}]}}]},
        "outpost-routing:routing": {"static": {"route": [
          {"prefix": "198.51.100.0/24", "blackhole": [null]},
          {"prefix": "203.0.113.0/24", "distance": 250, "blackhole": [null]}]}}
      }
      """));
  private final LearnedRoutes.Path viaEth0 = path("10.1.0.9");
  private final LearnedRoutes.Path nowhere = path("172.31.0.9");
  private final List<Object[]> learned = new ArrayList<>();
  private final Selection selection = new Selection(configured, new LearnedRoutes() {
    @Override
    public void forEach(Visitor visitor) {
      for (Object[] r : learned) {
        visitor.visit(false, (Long) r[0], 0, 24, (Path) r[1]);
      }
    }

    @Override
    public boolean drainChanges(Visitor visitor) {
      return false;
    }

    @Override
    public int distance(Path path) {
      return 20;
    }
  });

  SelectionTest() throws Exception {}

  private static LearnedRoutes.Path path(String gateway) {
    try {
      return new LearnedRoutes.Path(List.of(InetAddress.getByName(gateway)), true);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aLearnedRouteResolvesThroughConnectedRoutes() {
    Selection.Forwarding f = selection.forwarding(false, P192, 0, 24, viaEth0);
    assertEquals(Route.Kind.GATEWAY, f.kind());
    assertEquals("eth0", f.waysOut().getFirst().interfaceName());
    assertEquals("10.1.0.9", f.waysOut().getFirst().gateway().toCanonicalString());
    assertNull(selection.forwarding(false, P192, 0, 24, nowhere), "no gateway resolves");
    assertNull(selection.forwarding(false, P192, 0, 24, null));
  }

  @Test
  void theLowerDistanceWinsAndTheConfiguredRouteIsTheFallback() {
    assertEquals(Route.Kind.BLACKHOLE, selection.forwarding(false, P198, 0, 24, viaEth0).kind(),
        "static (1) beats eBGP (20)");
    assertEquals(Route.Kind.GATEWAY, selection.forwarding(false, P203, 0, 24, viaEth0).kind(),
        "eBGP (20) beats a floating static (250)");
    assertEquals(Route.Kind.BLACKHOLE, selection.forwarding(false, P203, 0, 24, nowhere).kind(),
        "an unresolvable learned route loses to any configured one");
    assertEquals(Route.Kind.BLACKHOLE, selection.forwarding(false, P203, 0, 24, null).kind(),
        "the learned route gone, the floating static is back");
  }

  @Test
  void aFullPassVisitsEachForwardedPrefixOnceWithItsWinner() {
    learned.add(new Object[] {P203, viaEth0});
    learned.add(new Object[] {P192, viaEth0});
    learned.add(new Object[] {P198, viaEth0});
    List<String> seen = new ArrayList<>();
    selection.forEach((ipv6, hi, lo, length, f) -> seen.add(Long.toHexString(hi) + "/" + length
        + " " + f.kind()));
    seen.sort(null);
    assertEquals(List.of("a010000/24 INTERFACE", "c0000200/24 GATEWAY",
        "c6336400/24 BLACKHOLE", "cb007100/24 GATEWAY"), seen);
  }
}
