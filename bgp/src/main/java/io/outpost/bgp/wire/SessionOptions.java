package io.outpost.bgp.wire;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the two speakers negotiated in their OPENs and the codec must know, passed to it
 * explicitly (as GoBGP's and BIRD's codecs take them): the codec keeps no session state.
 *
 * @param extendedMessages both sides advertised extended messages (RFC 8654): up to 65535
 *     octets per message instead of 4096
 * @param fourOctetAs both sides advertised four-octet AS numbers (RFC 6793): AS_PATH and
 *     AGGREGATOR carry four-octet ASNs, and AS4_PATH is not used
 * @param addPathReceive families whose NLRI from the peer carry path identifiers (RFC 7911)
 * @param addPathSend families whose NLRI to the peer carry path identifiers
 */
public record SessionOptions(boolean extendedMessages, boolean fourOctetAs,
    Set<Family> addPathReceive, Set<Family> addPathSend) {
  /** Before the OPENs are exchanged: RFC 4271's limits. */
  public static final SessionOptions DEFAULT = new SessionOptions(false, false, Set.of(),
      Set.of());

  public SessionOptions {
    addPathReceive = addPathReceive.isEmpty() ? Set.of() : EnumSet.copyOf(addPathReceive);
    addPathSend = addPathSend.isEmpty() ? Set.of() : EnumSet.copyOf(addPathSend);
  }

  /** The largest message, header included, that these options allow. */
  public int maxMessageLength() {
    return extendedMessages ? BgpCodec.MAX_EXTENDED_LENGTH : BgpCodec.MAX_LENGTH;
  }

  public SessionOptions withExtendedMessages(boolean on) {
    return new SessionOptions(on, fourOctetAs, addPathReceive, addPathSend);
  }
}
