package io.outpost.bgp.speaker;

import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * One neighbor as the speaker runs it. Import and export policy null means none is configured:
 * an eBGP neighbor then exchanges nothing (RFC 8212), an iBGP one everything.
 *
 * @param port the peer's TCP port for connections we open (179; tests use others)
 * @param passive never connect, only accept
 * @param connectRetrySeconds between attempts to connect (and the idle hold after an error)
 * @param maxPrefixes tear the session down (Cease 6/1, RFC 4486) when more prefixes than this
 *     are received in one family; 0 for no limit
 * @param maxPrefixRestartSeconds after a max-prefix teardown, stay down this long; 0 to stay
 *     down until the neighbor is cleared
 * @param password TCP-MD5 (RFC 2385) key, or null
 * @param ttlSecurityHops GTSM (RFC 5082): accept only packets with TTL at least 256 minus
 *     this many hops, and send with TTL 255; 0 for off
 * @param nextHopSelf addresses to put as next hop for routes sent to this peer, per family
 *     (null for the session's own local address when it is of the family)
 * @param gracefulRestartSeconds the restart time we advertise (RFC 4724 helper); 0 for none
 */
public record PeerConfig(InetAddress address, long remoteAs, int port, boolean passive,
    int holdTime, int connectRetrySeconds, Set<Family> families, RoutePolicy importPolicy,
    RoutePolicy exportPolicy, long maxPrefixes, int maxPrefixRestartSeconds, String password,
    int ttlSecurityHops, InetAddress nextHopSelf4, InetAddress nextHopSelf6,
    int gracefulRestartSeconds, String description) {
  public PeerConfig {
    families = families.isEmpty() ? Set.of() : EnumSet.copyOf(families);
    if (holdTime != 0 && holdTime < 3) {
      throw new IllegalArgumentException("hold time " + holdTime + ": 0 or at least 3");
    }
  }

  /** A neighbor with the usual defaults: port 179, hold 90 s, both unicast families. */
  public static PeerConfig of(InetAddress address, long remoteAs) {
    return new PeerConfig(address, remoteAs, 179, false, 90, 30,
        EnumSet.allOf(Family.class), null, null, 0, 0, null, 0, null, null, 120, "");
  }

  public PeerConfig withPort(int port) {
    return new PeerConfig(address, remoteAs, port, passive, holdTime, connectRetrySeconds,
        families, importPolicy, exportPolicy, maxPrefixes, maxPrefixRestartSeconds, password,
        ttlSecurityHops, nextHopSelf4, nextHopSelf6, gracefulRestartSeconds, description);
  }

  public PeerConfig withPolicies(RoutePolicy importPolicy, RoutePolicy exportPolicy) {
    return new PeerConfig(address, remoteAs, port, passive, holdTime, connectRetrySeconds,
        families, importPolicy, exportPolicy, maxPrefixes, maxPrefixRestartSeconds, password,
        ttlSecurityHops, nextHopSelf4, nextHopSelf6, gracefulRestartSeconds, description);
  }

  public PeerConfig withTimers(int holdTime, int connectRetrySeconds) {
    return new PeerConfig(address, remoteAs, port, passive, holdTime, connectRetrySeconds,
        families, importPolicy, exportPolicy, maxPrefixes, maxPrefixRestartSeconds, password,
        ttlSecurityHops, nextHopSelf4, nextHopSelf6, gracefulRestartSeconds, description);
  }

  public PeerConfig withMaxPrefixes(long maxPrefixes, int restartSeconds) {
    return new PeerConfig(address, remoteAs, port, passive, holdTime, connectRetrySeconds,
        families, importPolicy, exportPolicy, maxPrefixes, restartSeconds, password,
        ttlSecurityHops, nextHopSelf4, nextHopSelf6, gracefulRestartSeconds, description);
  }

  public PeerConfig withFamilies(Set<Family> families) {
    return new PeerConfig(address, remoteAs, port, passive, holdTime, connectRetrySeconds,
        families, importPolicy, exportPolicy, maxPrefixes, maxPrefixRestartSeconds, password,
        ttlSecurityHops, nextHopSelf4, nextHopSelf6, gracefulRestartSeconds, description);
  }

  /** The peer's address as the CLI shows it. */
  public String name() {
    return address instanceof java.net.Inet6Address
        ? new inet.ipaddr.ipv6.IPv6Address(address.getAddress()).toCanonicalString()
        : address.getHostAddress();
  }
}
