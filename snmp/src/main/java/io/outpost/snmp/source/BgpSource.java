package io.outpost.snmp.source;

import java.util.List;

/** The BGP speaker, for BGP4-MIB. */
public interface BgpSource {
  /** The local AS, 0 when BGP is not configured. */
  long localAs();

  /** The router ID in dotted quad, or null when BGP is not configured. */
  String routerId();

  List<BgpPeerRow> peers();

  /**
   * At most {@code limit} of the IPv4 paths the neighbors sent (Adj-RIB-In): a full table from
   * several neighbors is millions of paths, more than a manager can walk.
   */
  List<BgpPathRow> paths(int limit);
}
