package io.outpost.snmp.source;

import java.util.List;

/** The BGP speaker, for BGP4-MIB. */
public interface BgpSource {
  /** The local AS, 0 when BGP is not configured. */
  long localAs();

  /** The router ID in dotted quad, or null when BGP is not configured. */
  String routerId();

  List<BgpPeerRow> peers();
}
