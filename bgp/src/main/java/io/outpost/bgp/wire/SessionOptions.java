package io.outpost.bgp.wire;

/**
 * What the two speakers negotiated in their OPENs and the codec must know, passed to it
 * explicitly (as GoBGP's and BIRD's codecs take them): the codec keeps no session state.
 *
 * @param extendedMessages both sides advertised extended messages (RFC 8654): up to 65535
 *     octets per message instead of 4096
 */
public record SessionOptions(boolean extendedMessages) {
  /** Before the OPENs are exchanged: RFC 4271's limits. */
  public static final SessionOptions DEFAULT = new SessionOptions(false);

  /** The largest message, header included, that these options allow. */
  public int maxMessageLength() {
    return extendedMessages ? BgpCodec.MAX_EXTENDED_LENGTH : BgpCodec.MAX_LENGTH;
  }
}
