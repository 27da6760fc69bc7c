package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The inbound end of a BGP session's pipeline: cuts the TCP byte stream into messages with
 * {@link BgpCodec#frameLength} and decodes each with {@link BgpCodec#decode}, passing
 * {@link BgpMessage}s on. A message that is wrong is passed on as a {@link DecodeFailure}
 * carrying the {@link BgpError}, and decoding stops: after a header or OPEN error RFC 4271 sends
 * a NOTIFICATION and closes, so the session handler decides and the bytes after it are not read.
 *
 * <p>Not sharable: it holds the bytes of a message still arriving. The negotiated options can
 * change once, after the OPENs ({@link #options(SessionOptions)}), from the event loop.
 */
public final class BgpMessageDecoder extends ByteToMessageDecoder {
  private SessionOptions options = SessionOptions.DEFAULT;
  private boolean failed;

  /** A message the codec refused, with the NOTIFICATION that answers it. */
  public record DecodeFailure(BgpError error) {}

  /** Sets what the OPENs negotiated (extended messages raise the length limit). */
  public void options(SessionOptions options) {
    this.options = options;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      while (BgpCodec.frameLength(in, options) > 0) {
        out.add(BgpCodec.decode(in, options));
      }
    } catch (BgpError e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      out.add(new DecodeFailure(e));
    }
  }
}
