package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;

/**
 * A ROUTE-REFRESH (RFC 2918) for one address family, with the enhanced route refresh subtype
 * (RFC 7313): 0 a plain request, 1 beginning and 2 end of a route refresh.
 */
public record RouteRefreshMessage(int afi, int subtype, int safi) implements BgpMessage {
  public static final int REQUEST = 0;
  public static final int BEGINNING = 1;
  public static final int END = 2;
  /** The body: AFI (2 octets), subtype, SAFI. */
  static final int BODY_LENGTH = 4;

  @Override
  public MessageType type() {
    return MessageType.ROUTE_REFRESH;
  }

  static RouteRefreshMessage decode(ByteBuf body) {
    return new RouteRefreshMessage(body.readUnsignedShort(), body.readUnsignedByte(),
        body.readUnsignedByte());
  }

  @Override
  public void encodeBody(ByteBuf out, SessionOptions options) {
    out.writeShort(afi).writeByte(subtype).writeByte(safi);
  }
}
