package io.outpost.controlplane.bgp;

import inet.ipaddr.IPAddress;
import io.outpost.bgp.speaker.PeerConfig;
import io.outpost.bgp.wire.Family;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import io.outpost.controlplane.routing.PrefixWords;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code protocols bgp} as the subsystem applies it: the speaker's own settings, the originated
 * prefixes, and each neighbor with what it takes from its peer group already filled in and the
 * defaults applied. Reading also checks what YANG cannot: a neighbor needs a remote AS (its own
 * or its group's), may not be one of our own addresses or an IPv6 link-local address, and a
 * restart time needs a prefix limit.
 *
 * @param speaker what every session shares; a change of it restarts the speaker
 */
record BgpSettings(Speaker speaker, int externalDistance, int internalDistance,
    List<IPAddress> networks, Map<InetAddress, Neighbor> neighbors) {

  /**
   * The speaker's own settings.
   *
   * @param clusterId the route-reflection cluster ID; 0 for the router ID
   */
  record Speaker(long localAs, long routerId, int listenPort, int maximumPaths,
      boolean alwaysCompareMed, long clusterId) {}

  /**
   * One neighbor, its group's settings merged in and defaults applied.
   *
   * @param maxPrefixRestartMinutes 0: stay down after a max-prefix teardown
   * @param password the TCP-MD5 key; null for none
   * @param ttlSecurityHops GTSM; 0 for off
   * @param gracefulRestartHelper keep a restarting neighbor's routes (RFC 4724)
   * @param routeReflectorClient we reflect routes for this iBGP neighbor (RFC 4456)
   * @param addPathReceive take several paths per prefix from it (RFC 7911)
   * @param addPathSend send it every path that its export rules let through (RFC 7911)
   * @param extendedNextHop IPv4 routes with IPv6 next hops both ways (RFC 8950)
   */
  record Neighbor(InetAddress address, long remoteAs, String description,
      boolean passive, int holdTime, int connectRetry, Set<Family> families, String importPolicy,
      String exportPolicy, long maxPrefixes, int maxPrefixRestartMinutes, boolean nextHopSelf,
      String password, int ttlSecurityHops, boolean gracefulRestartHelper, boolean shutdown,
      boolean routeReflectorClient, boolean addPathReceive, boolean addPathSend,
      boolean extendedNextHop) {
    /** Without the password, which must not reach a log through a fingerprint or a message. */
    @Override
    public String toString() {
      return "Neighbor[" + address.getHostAddress() + " as " + remoteAs + " '" + description
          + "' passive " + passive + " hold " + holdTime + " retry " + connectRetry + " "
          + families + " in " + importPolicy + " out " + exportPolicy + " max " + maxPrefixes
          + "/" + maxPrefixRestartMinutes + " nhs " + nextHopSelf + " md5 " + (password != null)
          + " gtsm " + ttlSecurityHops + " gr " + gracefulRestartHelper + " shutdown "
          + shutdown + " rr-client " + routeReflectorClient + " add-path-rx " + addPathReceive
          + " add-path-tx " + addPathSend + " enh " + extendedNextHop + "]";
    }
  }

  /** The settings, or empty when BGP is not configured; problems go to {@code errors}. */
  static Optional<BgpSettings> read(ConfigTree config, List<ConfigError> errors) {
    ConfigView bgp = ConfigView.top(config, "protocols").container("bgp");
    if (!bgp.isPresent()) {
      return Optional.empty();
    }
    long routerId = Prefixes.key(Prefixes.parse(bgp.string("router-id"))).hi();
    if (routerId == 0) {
      errors.add(new ConfigError(bgp.pathOf("router-id"), "0.0.0.0 is not a BGP identifier"));
    }
    Speaker speaker = new Speaker(bgp.number("local-as"), routerId,
        (int) bgp.number("listen-port"), (int) bgp.number("maximum-paths"),
        bgp.isSet("always-compare-med"),
        bgp.isSet("cluster-id") ? Prefixes.key(Prefixes.parse(bgp.string("cluster-id"))).hi()
            : 0);
    List<IPAddress> networks = new ArrayList<>();
    for (ConfigView n : bgp.list("network")) {
      networks.add(Prefixes.parse(n.string("prefix")).toPrefixBlock());
    }
    Map<String, ConfigView> groups = new HashMap<>();
    bgp.list("peer-group").forEach(g -> groups.put(g.string("name"), g));
    Set<IPAddress> own = ownAddresses(config);
    Map<InetAddress, Neighbor> neighbors = new LinkedHashMap<>();
    for (ConfigView n : bgp.list("neighbor")) {
      IPAddress address = Prefixes.parse(n.string("address"));
      if (address.isIPv6() && address.isLinkLocal()) {
        errors.add(new ConfigError(n.pathOf("address"), "IPv6 link-local neighbors are not"
            + " supported; use a global or unique-local address"));
        continue;
      }
      if (own.contains(address)) {
        errors.add(new ConfigError(n.pathOf("address"), address.toCanonicalString()
            + " is an address of this appliance"));
        continue;
      }
      ConfigView group = n.isSet("peer-group") ? groups.get(n.string("peer-group")) : null;
      Inherited s = new Inherited(n, group);
      if (!s.isSet("remote-as")) {
        errors.add(new ConfigError(n.path(), "needs remote-as, its own or its peer group's"));
        continue;
      }
      if (s.isSet("maximum-prefixes-restart") && !s.isSet("maximum-prefixes")) {
        errors.add(new ConfigError(n.path(), "maximum-prefixes-restart needs maximum-prefixes"));
      }
      String password = s.string("password", null);
      if (password != null && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          > PeerConfig.MAX_PASSWORD) {
        errors.add(new ConfigError(s.view("password").pathOf("password"), "a TCP-MD5 key is at"
            + " most " + PeerConfig.MAX_PASSWORD + " octets in UTF-8"));
      }
      Set<Family> families = EnumSet.noneOf(Family.class);
      for (Object f : s.view("address-family").leafList("address-family")) {
        families.add(f.equals("ipv4-unicast") ? Family.IPV4_UNICAST : Family.IPV6_UNICAST);
      }
      if (families.isEmpty()) {
        families.add(address.isIPv4() ? Family.IPV4_UNICAST : Family.IPV6_UNICAST);
      }
      boolean client = s.flag("route-reflector-client", false);
      if (client && s.number("remote-as", 0) != speaker.localAs()) {
        errors.add(new ConfigError(n.path(), "route-reflector-client is for iBGP neighbors;"
            + " remote-as " + s.number("remote-as", 0) + " is not our AS " + speaker.localAs()));
      }
      InetAddress inet = Prefixes.inet(address);
      neighbors.put(inet, new Neighbor(inet, s.number("remote-as", 0),
          s.string("description", ""), s.flag("passive", false), (int) s.number("hold-time", 90),
          (int) s.number("connect-retry", 30), families, s.string("import-policy", null),
          s.string("export-policy", null), s.number("maximum-prefixes", 0),
          (int) s.number("maximum-prefixes-restart", 0), s.flag("next-hop-self", false),
          password, (int) s.nested("ttl-security", "hops", 0),
          !s.string("graceful-restart", "helper").equals("disable"), n.isSet("shutdown"),
          client, s.nestedFlag("add-path", "receive"), s.nestedFlag("add-path", "send"),
          s.flag("extended-nexthop", false)));
    }
    ConfigView distance = bgp.container("distance");
    return Optional.of(new BgpSettings(speaker, (int) distance.number("external"),
        (int) distance.number("internal"), networks, neighbors));
  }

  /** A neighbor's setting where it has one, else its group's. */
  private record Inherited(ConfigView neighbor, ConfigView group) {
    ConfigView view(String leaf) {
      boolean own = leaf.equals("address-family") ? !neighbor.leafList(leaf).isEmpty()
          : neighbor.isSet(leaf);
      return own || group == null ? neighbor : group;
    }

    boolean isSet(String leaf) {
      return view(leaf).isSet(leaf);
    }

    long number(String leaf, long otherwise) {
      return isSet(leaf) ? view(leaf).number(leaf) : otherwise;
    }

    String string(String leaf, String otherwise) {
      return isSet(leaf) ? view(leaf).string(leaf) : otherwise;
    }

    boolean flag(String leaf, boolean otherwise) {
      return isSet(leaf) ? view(leaf).flag(leaf) : otherwise;
    }

    /** A leaf of a container, taken whole from the neighbor or from its group. */
    long nested(String container, String leaf, long otherwise) {
      ConfigView c = nestedView(container, leaf);
      return c.isSet(leaf) ? c.number(leaf) : otherwise;
    }

    /** A boolean leaf of a container likewise; false when neither sets it. */
    boolean nestedFlag(String container, String leaf) {
      ConfigView c = nestedView(container, leaf);
      return c.isSet(leaf) && c.flag(leaf);
    }

    private ConfigView nestedView(String container, String leaf) {
      ConfigView own = neighbor.container(container);
      return own.isSet(leaf) || group == null ? own : group.container(container);
    }
  }

  private static Set<IPAddress> ownAddresses(ConfigTree config) {
    Set<IPAddress> own = new java.util.HashSet<>();
    for (InterfaceConfig i : InterfaceConfig.all(config).values()) {
      i.addresses().forEach(a -> own.add(PrefixWords.address(a.address())));
    }
    return own;
  }
}
