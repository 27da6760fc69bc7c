package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;

/** A KEEPALIVE (RFC 4271 section 4.4): the header alone. */
public record KeepaliveMessage() implements BgpMessage {
  public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

  @Override
  public MessageType type() {
    return MessageType.KEEPALIVE;
  }

  @Override
  public void encodeBody(ByteBuf out, SessionOptions options) {}
}
