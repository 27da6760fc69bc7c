package io.outpost.bgp.rib;

/**
 * Where a path came from, as best-path selection needs to know it: a peer (or, later, a local
 * origination). Implemented by the session layer's peers.
 */
public interface RouteSource {
  /** The source is in another AS (eBGP). */
  boolean external();

  /** An iBGP peer we reflect routes for (RFC 4456): what it sends goes to every iBGP peer. */
  default boolean reflectorClient() {
    return false;
  }

  /** The peer's BGP identifier (unsigned 32 bits), for the router-ID tie-breaker. */
  long routerId();

  /** The peer's address octets (4 or 16), the last tie-breaker. */
  byte[] address();

  /** For the CLI and logs. */
  String name();
}
