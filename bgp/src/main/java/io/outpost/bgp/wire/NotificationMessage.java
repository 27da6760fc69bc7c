package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A NOTIFICATION (RFC 4271 section 4.5): error code, subcode and data. For Cease with
 * administrative shutdown or reset (subcodes 2 and 4) the data may carry a shutdown
 * communication (RFC 9003, which obsoletes RFC 8203): a length octet and up to 255 octets of
 * UTF-8 that operators read in the peer's logs.
 */
public record NotificationMessage(int code, int subcode, byte[] data) implements BgpMessage {
  public static final int ADMINISTRATIVE_SHUTDOWN = 2;
  public static final int ADMINISTRATIVE_RESET = 4;
  /** The longest shutdown communication, in octets of UTF-8 (RFC 9003). */
  public static final int MAX_COMMUNICATION = 255;

  public NotificationMessage {
    if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
      throw new IllegalArgumentException("code and subcode are octets: " + code + "/" + subcode);
    }
    data = data.clone();
  }

  /**
   * A Cease with a shutdown communication, cut at a character boundary to fit 255 octets.
   *
   * @param subcode {@link #ADMINISTRATIVE_SHUTDOWN} or {@link #ADMINISTRATIVE_RESET}
   */
  public static NotificationMessage cease(int subcode, String communication) {
    byte[] text = communication.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(text.length, MAX_COMMUNICATION);
    while (length < text.length && (text[length] & 0xc0) == 0x80) {
      length--; // do not split a character
    }
    byte[] data = new byte[1 + length];
    data[0] = (byte) length;
    System.arraycopy(text, 0, data, 1, length);
    return new NotificationMessage(BgpError.CEASE, subcode, data);
  }

  /** The shutdown communication, if this is such a Cease and it carries valid UTF-8. */
  public Optional<String> shutdownCommunication() {
    if (code != BgpError.CEASE || (subcode != ADMINISTRATIVE_SHUTDOWN
        && subcode != ADMINISTRATIVE_RESET) || data.length == 0
        || (data[0] & 0xff) != data.length - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(data, 1, data.length - 1)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  @Override
  public MessageType type() {
    return MessageType.NOTIFICATION;
  }

  static NotificationMessage decode(ByteBuf body) {
    int code = body.readUnsignedByte();
    int subcode = body.readUnsignedByte();
    byte[] data = new byte[body.readableBytes()];
    body.readBytes(data);
    return new NotificationMessage(code, subcode, data);
  }

  @Override
  public void encodeBody(ByteBuf out, SessionOptions options) {
    out.writeByte(code).writeByte(subcode).writeBytes(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotificationMessage n && code == n.code && subcode == n.subcode
        && Arrays.equals(data, n.data);
  }

  @Override
  public int hashCode() {
    return code * 256 + subcode;
  }

  @Override
  public String toString() {
    return "NOTIFICATION " + code + "/" + subcode + shutdownCommunication().map(c -> " \"" + c
        + "\"").orElse(data.length == 0 ? "" : " " + Arrays.toString(data));
  }
}
