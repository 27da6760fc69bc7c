package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * The outbound end of a BGP session's pipeline: writes each {@link BgpMessage} with its header
 * ({@link BgpCodec#encode}). One instance per session: it holds that session's options.
 */
public final class BgpMessageEncoder extends MessageToByteEncoder<BgpMessage> {
  private volatile SessionOptions options = SessionOptions.DEFAULT;

  public BgpMessageEncoder() {
    super(BgpMessage.class);
  }

  /** Sets what the OPENs negotiated. */
  public void options(SessionOptions options) {
    this.options = options;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, BgpMessage message, ByteBuf out) {
    BgpCodec.encode(message, out, options);
  }
}
