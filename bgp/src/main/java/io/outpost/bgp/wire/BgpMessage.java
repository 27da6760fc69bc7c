package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;

/** A decoded BGP message; {@link BgpCodec} adds and strips the 19-octet header. */
public sealed interface BgpMessage
    permits OpenMessage, UpdateMessage, KeepaliveMessage, NotificationMessage,
        RouteRefreshMessage {
  MessageType type();

  /** Writes the message's body, the part after the header. */
  void encodeBody(ByteBuf out, SessionOptions options);
}
