package io.outpost.bgp.speaker;

import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.wire.Family;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * One neighbor as the speaker runs it; built with {@link #builder}. Import and export policy null
 * means none is configured: an eBGP neighbor then exchanges nothing (RFC 8212), an iBGP one
 * everything.
 *
 * @param port the peer's TCP port for connections we open (179; tests use others)
 * @param passive never connect, only accept
 * @param connectRetrySeconds between attempts to connect (and the idle hold after an error)
 * @param maxPrefixes tear the session down (Cease 6/1, RFC 4486) when more prefixes than this
 *     are received in one family; 0 for no limit
 * @param maxPrefixRestartSeconds after a max-prefix teardown, stay down this long; 0 to stay
 *     down until the neighbor is cleared
 * @param nextHopSelf4 the next hop to put on IPv4 routes sent to this peer; null for the
 *     session's own local address when it is IPv4 ({@code nextHopSelf6} likewise)
 * @param forceNextHopSelf put our own next hop on every route sent, also to an iBGP peer
 *     (which otherwise gets the next hop as learned)
 * @param gracefulRestartSeconds the restart time we advertise (RFC 4724); 0 for none
 * @param password the TCP-MD5 key (RFC 2385) every segment of the session is signed with;
 *     null for none
 * @param ttlSecurityHops GTSM (RFC 5082): send at TTL 255 and accept only segments from at most
 *     this many hops away (1 for a directly connected peer); 0 for off
 * @param routeReflectorClient an iBGP peer we reflect routes to and from (RFC 4456): routes it
 *     sends go to every iBGP peer, and it is sent what other iBGP peers send; ignored for eBGP
 * @param addPathReceive take several paths per prefix from this peer (RFC 7911 add-path,
 *     receive), in every family of the session, when the peer offers to send them
 * @param addPathSend send this peer every path we have to a prefix that its export rules let
 *     through, not just the best (RFC 7911 add-path, send), in every family of the session,
 *     when the peer offers to receive them
 * @param extendedNextHop offer and accept IPv4 routes with an IPv6 next hop (RFC 8950): over
 *     an IPv6 session, when the peer offers it too, our IPv4 routes go with our IPv6 address
 *     as next hop (unless an IPv4 next hop is configured)
 */
public record PeerConfig(InetAddress address, long remoteAs, int port, boolean passive,
    int holdTime, int connectRetrySeconds, Set<Family> families, RoutePolicy importPolicy,
    RoutePolicy exportPolicy, long maxPrefixes, int maxPrefixRestartSeconds,
    InetAddress nextHopSelf4, InetAddress nextHopSelf6, boolean forceNextHopSelf,
    int gracefulRestartSeconds, String description, String password, int ttlSecurityHops,
    boolean routeReflectorClient, boolean addPathReceive, boolean addPathSend,
    boolean extendedNextHop) {
  public PeerConfig {
    families = families.isEmpty() ? Set.of() : EnumSet.copyOf(families);
    if (password != null && (password.isEmpty()
        || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD)) {
      throw new IllegalArgumentException("TCP-MD5 password: 1 to " + MAX_PASSWORD + " octets");
    }
    if (ttlSecurityHops < 0 || ttlSecurityHops > 254) {
      throw new IllegalArgumentException("ttl-security hops " + ttlSecurityHops + ": 0 to 254");
    }
    if (holdTime != 0 && holdTime < 3) {
      throw new IllegalArgumentException("hold time " + holdTime + ": 0 or at least 3");
    }
  }

  /** The longest TCP-MD5 key Linux takes (TCP_MD5SIG_MAXKEYLEN), in UTF-8 octets. */
  public static final int MAX_PASSWORD = 80;

  /** Without the password, which must not reach a log. */
  @Override
  public String toString() {
    return "PeerConfig[" + name() + " AS " + remoteAs + (password == null ? "" : ", TCP-MD5")
        + (ttlSecurityHops == 0 ? "" : ", GTSM " + ttlSecurityHops + " hops") + "]";
  }

  /** A neighbor with the usual defaults: port 179, hold 90 s, both unicast families. */
  public static Builder builder(InetAddress address, long remoteAs) {
    return new Builder(address, remoteAs);
  }

  /** The peer's address as the CLI shows it (RFC 5952 for IPv6). */
  public String name() {
    return address instanceof Inet6Address
        ? new inet.ipaddr.ipv6.IPv6Address(address.getAddress()).toCanonicalString()
        : address.getHostAddress();
  }

  /** Builds a {@link PeerConfig}; every setting not set keeps its default. */
  public static final class Builder {
    private final InetAddress address;
    private final long remoteAs;
    private int port = 179;
    private boolean passive;
    private int holdTime = 90;
    private int connectRetrySeconds = 30;
    private Set<Family> families = EnumSet.allOf(Family.class);
    private RoutePolicy importPolicy;
    private RoutePolicy exportPolicy;
    private long maxPrefixes;
    private int maxPrefixRestartSeconds;
    private InetAddress nextHopSelf4;
    private InetAddress nextHopSelf6;
    private boolean forceNextHopSelf;
    private int gracefulRestartSeconds = 120;
    private String description = "";
    private String password;
    private int ttlSecurityHops;
    private boolean routeReflectorClient;
    private boolean addPathReceive;
    private boolean addPathSend;
    private boolean extendedNextHop;

    private Builder(InetAddress address, long remoteAs) {
      this.address = address;
      this.remoteAs = remoteAs;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder passive(boolean passive) {
      this.passive = passive;
      return this;
    }

    public Builder timers(int holdTime, int connectRetrySeconds) {
      this.holdTime = holdTime;
      this.connectRetrySeconds = connectRetrySeconds;
      return this;
    }

    public Builder families(Set<Family> families) {
      this.families = families;
      return this;
    }

    public Builder policies(RoutePolicy importPolicy, RoutePolicy exportPolicy) {
      this.importPolicy = importPolicy;
      this.exportPolicy = exportPolicy;
      return this;
    }

    public Builder maxPrefixes(long maxPrefixes, int restartSeconds) {
      this.maxPrefixes = maxPrefixes;
      this.maxPrefixRestartSeconds = restartSeconds;
      return this;
    }

    public Builder nextHopSelf(InetAddress ipv4, InetAddress ipv6) {
      this.nextHopSelf4 = ipv4;
      this.nextHopSelf6 = ipv6;
      return this;
    }

    public Builder forceNextHopSelf(boolean force) {
      this.forceNextHopSelf = force;
      return this;
    }

    public Builder gracefulRestartSeconds(int seconds) {
      this.gracefulRestartSeconds = seconds;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder ttlSecurity(int hops) {
      this.ttlSecurityHops = hops;
      return this;
    }

    public Builder routeReflectorClient(boolean client) {
      this.routeReflectorClient = client;
      return this;
    }

    public Builder addPathReceive(boolean receive) {
      this.addPathReceive = receive;
      return this;
    }

    public Builder addPathSend(boolean send) {
      this.addPathSend = send;
      return this;
    }

    public Builder extendedNextHop(boolean on) {
      this.extendedNextHop = on;
      return this;
    }

    public PeerConfig build() {
      return new PeerConfig(address, remoteAs, port, passive, holdTime, connectRetrySeconds,
          families, importPolicy, exportPolicy, maxPrefixes, maxPrefixRestartSeconds,
          nextHopSelf4, nextHopSelf6, forceNextHopSelf, gracefulRestartSeconds, description,
          password, ttlSecurityHops, routeReflectorClient, addPathReceive, addPathSend,
          extendedNextHop);
    }
  }
}
