package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * An UPDATE (RFC 4271 section 4.3) split into its three parts, each kept as the octets that
 * came: withdrawn routes, path attributes, NLRI. This layer checks that the two length fields
 * fit the message (else 3/1 malformed attribute list, a session reset under RFC 7606 section
 * 5.3). Reading the attributes and prefixes needs the negotiated add-path and AS width, and is
 * {@code io.outpost.bgp.update.UpdateReader}'s, with RFC 7606's finer actions.
 *
 * <p>The arrays are the message's own, neither copied in nor out (a full table is millions of
 * them): whoever builds one hands its arrays over, and readers must not modify them.
 */
public record UpdateMessage(byte[] withdrawnRoutes, byte[] pathAttributes, byte[] nlri)
    implements BgpMessage {
  /** Withdrawn Routes Length and Total Path Attribute Length. */
  static final int FIXED_LENGTH = 4;
  static final int MALFORMED_ATTRIBUTE_LIST = 1;

  /** The IPv4 unicast End-of-RIB marker (RFC 4724): an UPDATE with nothing in it. */
  public boolean isIpv4EndOfRib() {
    return withdrawnRoutes.length == 0 && pathAttributes.length == 0 && nlri.length == 0;
  }

  @Override
  public MessageType type() {
    return MessageType.UPDATE;
  }

  static UpdateMessage decode(ByteBuf body) throws BgpError {
    int withdrawnLength = body.readUnsignedShort();
    if (withdrawnLength > body.readableBytes() - 2) {
      throw malformed("withdrawn routes length " + withdrawnLength + " leaves no room for the"
          + " path attribute length");
    }
    byte[] withdrawn = new byte[withdrawnLength];
    body.readBytes(withdrawn);
    int attributesLength = body.readUnsignedShort();
    if (attributesLength > body.readableBytes()) {
      throw malformed("total path attribute length " + attributesLength + " runs past the"
          + " message");
    }
    byte[] attributes = new byte[attributesLength];
    body.readBytes(attributes);
    byte[] nlri = new byte[body.readableBytes()];
    body.readBytes(nlri);
    return new UpdateMessage(withdrawn, attributes, nlri);
  }

  private static BgpError malformed(String why) {
    return new BgpError(BgpError.UPDATE_MESSAGE, MALFORMED_ATTRIBUTE_LIST, new byte[0], why);
  }

  @Override
  public void encodeBody(ByteBuf out, SessionOptions options) {
    out.writeShort(withdrawnRoutes.length).writeBytes(withdrawnRoutes)
        .writeShort(pathAttributes.length).writeBytes(pathAttributes).writeBytes(nlri);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdateMessage u && Arrays.equals(withdrawnRoutes, u.withdrawnRoutes)
        && Arrays.equals(pathAttributes, u.pathAttributes) && Arrays.equals(nlri, u.nlri);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pathAttributes) * 31 + Arrays.hashCode(nlri);
  }

  @Override
  public String toString() {
    return "UPDATE " + withdrawnRoutes.length + " octets withdrawn, " + pathAttributes.length
        + " of attributes, " + nlri.length + " of NLRI";
  }
}
