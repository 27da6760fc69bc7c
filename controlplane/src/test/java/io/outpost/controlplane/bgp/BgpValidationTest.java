package io.outpost.controlplane.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.config.ReferenceSample;
import io.outpost.controlplane.config.SetCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the BGP subsystem refuses beyond YANG, with the path and the reason, and how the
 * configured policy language compiles: the reference sample's policies run on real attributes.
 */
class BgpValidationTest {
  private static final String BASE = """
      set interfaces interface eth0 ipv4 address 10.0.1.1/24
      set protocols bgp local-as 65001
      set protocols bgp router-id 10.0.1.1
      """;

  private static ConfigTree tree(String lines) throws Exception {
    return SetCommands.applyAll(ConfigTree.empty(OutpostModules.schema()), BASE + lines);
  }

  private static List<String> errors(String lines) throws Exception {
    List<ConfigError> errors = new ArrayList<>();
    new BgpSubsystem(() -> {}).validate(tree(lines), errors);
    return errors.stream().map(ConfigError::toString).toList();
  }

  @Test
  void theReferenceSampleIsValid() {
    List<ConfigError> errors = new ArrayList<>();
    new BgpSubsystem(() -> {}).validate(ReferenceSample.tree(), errors);
    assertEquals(List.of(), errors);
  }

  @Test
  void aNeighborNeedsARemoteAs() throws Exception {
    assertEquals(List.of("protocols bgp neighbor 10.0.1.2: needs remote-as, its own or its peer"
        + " group's"), errors("set protocols bgp neighbor 10.0.1.2 description x\n"));
    assertEquals(List.of(), errors("""
        set protocols bgp peer-group g remote-as 65002
        set protocols bgp neighbor 10.0.1.2 peer-group g
        """));
  }

  @Test
  void ownAddressesAndLinkLocalNeighborsAreRefused() throws Exception {
    List<String> e = errors("""
        set protocols bgp neighbor 10.0.1.1 remote-as 65002
        set protocols bgp neighbor fe80::1 remote-as 65002
        """);
    assertEquals(2, e.size(), e.toString());
    assertTrue(e.get(0).contains("10.0.1.1 is an address of this appliance"), e.get(0));
    assertTrue(e.get(1).contains("link-local neighbors are not supported"), e.get(1));
  }

  @Test
  void badPolicyValuesAreRefusedWithTheirPath() throws Exception {
    List<String> e = errors("""
        set policy community-list c community 65536:1
        set policy as-path-list a regex "(65001"
        set policy prefix-list p rule 10 prefix 10.0.0.0/16
        set policy prefix-list p rule 10 ge 8
        set policy policy-statement s term t then large-community-add 1:2
        """);
    assertEquals(4, e.size(), e.toString());
    assertTrue(e.stream().anyMatch(x -> x.startsWith("policy prefix-list p rule 10: ge and le")), e.toString());
    assertTrue(e.stream().anyMatch(x -> x.startsWith("policy as-path-list a regex: ")
        && x.contains("not a regular expression")), e.toString());
    assertTrue(e.stream().anyMatch(x -> x.startsWith("policy community-list c community: ")
        && x.contains("65536 is over 65535")), e.toString());
    assertTrue(e.stream().anyMatch(x -> x.startsWith("policy policy-statement s term t then"
        + " large-community-add: ")), e.toString());
  }

  @Test
  void aRestartTimeNeedsALimit() throws Exception {
    assertEquals(List.of("protocols bgp neighbor 10.0.1.2: maximum-prefixes-restart needs"
        + " maximum-prefixes"), errors("""
        set protocols bgp neighbor 10.0.1.2 remote-as 65002
        set protocols bgp neighbor 10.0.1.2 maximum-prefixes-restart 5
        """));
  }

  @Test
  void onlyAnIbgpNeighborCanBeARouteReflectorClientAlsoThroughItsGroup() throws Exception {
    assertEquals(List.of("protocols bgp neighbor 10.0.1.3: route-reflector-client is for iBGP"
        + " neighbors; remote-as 65002 is not our AS 65001"), errors("""
        set protocols bgp peer-group clients route-reflector-client true
        set protocols bgp neighbor 10.0.1.2 remote-as 65001
        set protocols bgp neighbor 10.0.1.2 peer-group clients
        set protocols bgp neighbor 10.0.1.3 remote-as 65002
        set protocols bgp neighbor 10.0.1.3 peer-group clients
        """));
  }

  @Test
  void aTcpMd5KeyLongerThanTheKernelTakesIsRefused() throws Exception {
    assertEquals(List.of("protocols bgp neighbor 10.0.1.2 password: a TCP-MD5 key is at most 80"
        + " octets in UTF-8"), errors("""
        set protocols bgp neighbor 10.0.1.2 remote-as 65002
        set protocols bgp neighbor 10.0.1.2 password %s
        """.formatted("\u00e9".repeat(41))), "41 two-octet characters pass YANG's 80");
  }

  @Test
  void neighborsTakeTheirGroupsSettingsUnlessTheySetThem() throws Exception {
    BgpSettings s = BgpSettings.read(tree("""
        set protocols bgp peer-group g remote-as 65002
        set protocols bgp peer-group g hold-time 30
        set protocols bgp peer-group g address-family ipv6-unicast
        set protocols bgp peer-group g ttl-security hops 1
        set protocols bgp peer-group g graceful-restart disable
        set protocols bgp neighbor 10.0.1.2 peer-group g
        set protocols bgp neighbor 10.0.1.3 peer-group g
        set protocols bgp neighbor 10.0.1.3 hold-time 9
        set protocols bgp neighbor 10.0.1.3 ttl-security hops 3
        set protocols bgp neighbor 10.0.1.4 remote-as 65004
        """), new ArrayList<>()).orElseThrow();
    List<BgpSettings.Neighbor> n = List.copyOf(s.neighbors().values());
    assertEquals(30, n.get(0).holdTime());
    assertEquals(java.util.Set.of(Family.IPV6_UNICAST), n.get(0).families());
    assertEquals(9, n.get(1).holdTime());
    assertEquals(65002, n.get(1).remoteAs());
    assertEquals(90, n.get(2).holdTime(), "the default");
    assertEquals(java.util.Set.of(Family.IPV4_UNICAST), n.get(2).families(),
        "the neighbor address's family by default");
    assertEquals(1, n.get(0).ttlSecurityHops());
    assertEquals(3, n.get(1).ttlSecurityHops(), "its own, inside the container");
    assertEquals(0, n.get(2).ttlSecurityHops());
    assertEquals(false, n.get(1).gracefulRestartHelper());
    assertEquals(true, n.get(2).gracefulRestartHelper(), "helper by default");
  }

  @Test
  void theSamplePoliciesDoWhatTheySay() {
    Map<String, PolicyCompiler.Compiled> p = PolicyCompiler.compile(ReferenceSample.tree(), 64496,
        new ArrayList<>());
    PathAttributes fromA = PathAttributes.builder().asPath(AsPath.sequence(64500, 64500))
        .nextHop(new byte[] {(byte) 192, 0, 2, 10}).build();
    long net = 0xcb00_7100L; // 203.0.113.0
    PathAttributes in = p.get("customer-a-in").policy().apply(Family.IPV4_UNICAST, net, 0, 25, fromA);
    assertEquals(200, in.localPref());
    assertEquals("64496:100", Communities.format(in.communities()));
    assertEquals("64496:1:100", Communities.formatLarge(in.largeCommunities()));
    assertEquals(null, p.get("customer-a-in").policy().apply(Family.IPV4_UNICAST, net, 0, 27, fromA),
        "le 26");
    assertEquals(null, p.get("customer-a-in").policy().apply(Family.IPV4_UNICAST, net, 0, 24,
        fromA.toBuilder().asPath(AsPath.sequence(64500, 64501)).build()), "not customer A's path");

    PathAttributes out = p.get("to-transit").policy().apply(Family.IPV4_UNICAST, net, 0, 24, in);
    assertEquals("64496:1", Communities.format(out.communities()));
    assertEquals(50, out.med());
    assertEquals("64496 64496 64500 64500", AsPath.toString(out.asPath()));
    assertEquals(null, p.get("to-transit").policy().apply(Family.IPV4_UNICAST, net, 0, 24,
        in.toBuilder().communities(new int[] {Communities.parse("65535:666")}).build()));
  }
}
