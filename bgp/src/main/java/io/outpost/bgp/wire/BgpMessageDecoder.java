package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The inbound end of a BGP session's pipeline: cuts the TCP byte stream into messages with
 * {@link BgpCodec#frameLength} and decodes each with {@link BgpCodec#decode}, passing
 * {@link BgpMessage}s on, one per {@link #decode} call (so that each is handled before the next
 * is decoded). A message that is wrong is passed on as a {@link DecodeFailure} carrying the
 * {@link BgpError}, and decoding stops: after a header or OPEN error RFC 4271 sends a
 * NOTIFICATION and closes, so the session handler decides and the bytes after it are not read.
 *
 * <p>Not sharable: it holds the bytes of a message still arriving. The negotiated options can
 * change once, after the OPENs ({@link #options(SessionOptions)}), from the event loop.
 */
public final class BgpMessageDecoder extends ByteToMessageDecoder {
  private SessionOptions options = SessionOptions.DEFAULT;
  private boolean failed;
  /** Where every UPDATE is read into, or null for a new message each. */
  private final UpdateMessage update;

  /** A message the codec refused, with the NOTIFICATION that answers it. */
  public record DecodeFailure(BgpError error) {}

  /** A decoder that passes on a new message for every message. */
  public BgpMessageDecoder() {
    this.update = null;
  }

  private BgpMessageDecoder(UpdateMessage update) {
    this.update = update;
  }

  /**
   * A decoder that reads every UPDATE into one {@link UpdateMessage} of its own, valid until the
   * next message: for a handler that reads each UPDATE when it is passed on and keeps nothing
   * of it (a speaker's session), so that receiving a table makes no garbage per UPDATE.
   */
  public static BgpMessageDecoder reusingUpdates() {
    return new BgpMessageDecoder(UpdateMessage.reuse());
  }

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
      if (BgpCodec.frameLength(in, options) > 0) {
        out.add(BgpCodec.decode(in, options, update));
      }
    } catch (BgpError e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      out.add(new DecodeFailure(e));
    }
  }
}
