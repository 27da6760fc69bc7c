package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;

/**
 * The BGP message framing and the stateless codec (RFC 4271 section 4): finds where a message
 * ends in a byte stream, checks its header, and turns messages into objects and back. It keeps
 * no state; what the session negotiated comes in as {@link SessionOptions}.
 *
 * <p>Header checks and the NOTIFICATION each one gets (RFC 4271 section 6.1):
 * <table>
 *   <caption>header errors</caption>
 *   <tr><th>found</th><th>error</th><th>data</th></tr>
 *   <tr><td>marker not all ones</td><td>1/1 connection not synchronized</td><td>none</td></tr>
 *   <tr><td>length below 19 or above 4096 (65535 with extended messages, RFC 8654), or wrong
 *       for the type (OPEN under 29, UPDATE under 23, KEEPALIVE not 19, NOTIFICATION under
 *       21)</td>
 *       <td>1/2 bad message length</td><td>the length field</td></tr>
 *   <tr><td>ROUTE-REFRESH not 23 octets</td><td>7/1 invalid message length (RFC 7313)</td>
 *       <td>the whole message</td></tr>
 *   <tr><td>a type it does not know</td><td>1/3 bad message type</td><td>the type octet</td></tr>
 * </table>
 *
 * <p>UPDATEs are split into their three parts with their lengths checked
 * ({@link UpdateMessage}); reading prefixes and path attributes (MP_REACH/UNREACH, RFC 7606
 * handling) is {@code io.outpost.bgp.update.UpdateReader}'s.
 */
public final class BgpCodec {
  public static final int MARKER_LENGTH = 16;
  public static final int HEADER_LENGTH = 19;
  public static final int MAX_LENGTH = 4096;
  public static final int MAX_EXTENDED_LENGTH = 65535;
  private static final int LENGTH_OFFSET = 16;
  private static final int TYPE_OFFSET = 18;

  private BgpCodec() {}

  /**
   * The length of the message at the start of {@code in}'s readable bytes if all of it has
   * arrived, else 0. Reads nothing.
   *
   * @throws BgpError if the header that has arrived is already wrong (marker, length)
   */
  public static int frameLength(ByteBuf in, SessionOptions options) throws BgpError {
    int start = in.readerIndex();
    int available = in.readableBytes();
    for (int i = 0; i < Math.min(available, MARKER_LENGTH); i++) {
      if (in.getByte(start + i) != (byte) 0xff) {
        throw new BgpError(BgpError.MESSAGE_HEADER, BgpError.CONNECTION_NOT_SYNCHRONIZED,
            new byte[0], "the marker is not all ones");
      }
    }
    if (available < HEADER_LENGTH) {
      return 0;
    }
    int length = in.getUnsignedShort(start + LENGTH_OFFSET);
    if (length < HEADER_LENGTH || length > options.maxMessageLength()) {
      throw badLength(length, "outside " + HEADER_LENGTH + ".." + options.maxMessageLength());
    }
    return available >= length ? length : 0;
  }

  /**
   * Decodes the whole message at the start of {@code in}'s readable bytes (as
   * {@link #frameLength} measured it) and moves past it.
   *
   * @throws BgpError for anything RFC 4271 answers with a NOTIFICATION
   */
  public static BgpMessage decode(ByteBuf in, SessionOptions options) throws BgpError {
    return decode(in, options, null);
  }

  /**
   * {@link #decode(ByteBuf, SessionOptions)}, reading an UPDATE into {@code update} (an
   * instance from {@link UpdateMessage#reuse}) when it is not null.
   */
  public static BgpMessage decode(ByteBuf in, SessionOptions options, UpdateMessage update)
      throws BgpError {
    int length = frameLength(in, options);
    if (length == 0) {
      throw new IllegalArgumentException("no whole message in the buffer");
    }
    int start = in.readerIndex();
    MessageType type = MessageType.of(in.getUnsignedByte(start + TYPE_OFFSET));
    ByteBuf body = type.code() == 2 ? null : in.slice(start + HEADER_LENGTH,
        length - HEADER_LENGTH); // an UPDATE is read in place: one slice fewer per UPDATE
    BgpMessage message = switch (type.code()) {
      case 1 -> {
        atLeast(length, HEADER_LENGTH + OpenMessage.FIXED_LENGTH, type);
        yield OpenMessage.decode(body);
      }
      case 2 -> {
        atLeast(length, HEADER_LENGTH + UpdateMessage.FIXED_LENGTH, type);
        yield UpdateMessage.decode(in, start + HEADER_LENGTH, length - HEADER_LENGTH, update);
      }
      case 3 -> {
        atLeast(length, HEADER_LENGTH + 2, type);
        yield NotificationMessage.decode(body);
      }
      case 4 -> {
        if (length != HEADER_LENGTH) {
          throw badLength(length, "a KEEPALIVE is the header alone");
        }
        yield KeepaliveMessage.INSTANCE;
      }
      case 5 -> {
        if (length != HEADER_LENGTH + RouteRefreshMessage.BODY_LENGTH) {
          byte[] whole = new byte[length];
          in.getBytes(start, whole);
          throw new BgpError(BgpError.ROUTE_REFRESH_MESSAGE,
              BgpError.INVALID_ROUTE_REFRESH_LENGTH, whole, "a ROUTE-REFRESH of " + length
              + " octets, not 23");
        }
        yield RouteRefreshMessage.decode(body);
      }
      default -> throw new BgpError(BgpError.MESSAGE_HEADER, BgpError.BAD_MESSAGE_TYPE,
          new byte[] {(byte) type.code()}, "message type " + type.code());
    };
    in.readerIndex(start + length);
    return message;
  }

  /**
   * Appends {@code message} with its header to {@code out}.
   *
   * @throws IllegalArgumentException if it is longer than {@code options} allow
   */
  public static void encode(BgpMessage message, ByteBuf out, SessionOptions options) {
    int start = out.writerIndex();
    for (int i = 0; i < MARKER_LENGTH; i++) {
      out.writeByte(0xff);
    }
    out.writeShort(0).writeByte(message.type().code());
    message.encodeBody(out, options);
    int length = out.writerIndex() - start;
    if (length > options.maxMessageLength()) {
      out.writerIndex(start);
      throw new IllegalArgumentException(message.type() + " of " + length + " octets; the"
          + " session allows " + options.maxMessageLength());
    }
    out.setShort(start + LENGTH_OFFSET, length);
  }

  private static void atLeast(int length, int minimum, MessageType type) throws BgpError {
    if (length < minimum) {
      throw badLength(length, "an " + type + " has at least " + minimum + " octets");
    }
  }

  private static BgpError badLength(int length, String why) {
    return new BgpError(BgpError.MESSAGE_HEADER, BgpError.BAD_MESSAGE_LENGTH,
        BgpError.u16(length), "message length " + length + ": " + why);
  }
}
