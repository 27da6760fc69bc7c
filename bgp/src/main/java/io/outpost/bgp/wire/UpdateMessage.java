package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * An UPDATE (RFC 4271 section 4.3): its body as it came, and where its three parts are in it
 * (withdrawn routes, path attributes, NLRI). This layer checks that the two length fields fit
 * the message (else 3/1 malformed attribute list, a session reset under RFC 7606 section 5.3).
 * Reading the attributes and prefixes needs the negotiated add-path and AS width, and is
 * {@code io.outpost.bgp.update.UpdateReader}'s, with RFC 7606's finer actions.
 *
 * <p>A session's decoder reads every UPDATE into one instance of its own ({@link #reuse}), valid
 * until the next message is decoded: a full table is a few hundred thousand UPDATEs, and a copy
 * of each one's parts was some 40 MB of garbage per table. Such an instance must be read where
 * it is handed over and not kept. Any other instance owns its octets and is immutable.
 */
public final class UpdateMessage implements BgpMessage {
  /** Withdrawn Routes Length and Total Path Attribute Length. */
  static final int FIXED_LENGTH = 4;
  static final int MALFORMED_ATTRIBUTE_LIST = 1;

  private byte[] body;
  private int withdrawnLength;
  private int attributesLength;
  private int nlriLength;

  /** An UPDATE made of the three parts (copied in). */
  public UpdateMessage(byte[] withdrawnRoutes, byte[] pathAttributes, byte[] nlri) {
    int w = withdrawnRoutes.length;
    int a = pathAttributes.length;
    body = new byte[FIXED_LENGTH + w + a + nlri.length];
    body[0] = (byte) (w >>> 8);
    body[1] = (byte) w;
    System.arraycopy(withdrawnRoutes, 0, body, 2, w);
    body[2 + w] = (byte) (a >>> 8);
    body[3 + w] = (byte) a;
    System.arraycopy(pathAttributes, 0, body, FIXED_LENGTH + w, a);
    System.arraycopy(nlri, 0, body, FIXED_LENGTH + w + a, nlri.length);
    withdrawnLength = w;
    attributesLength = a;
    nlriLength = nlri.length;
  }

  private UpdateMessage() {
    body = new byte[256];
  }

  /** An instance for a decoder to read every UPDATE of a session into ({@link #decode}). */
  public static UpdateMessage reuse() {
    return new UpdateMessage();
  }

  /** The body the parts are in; read it at the offsets below, never write it. */
  public byte[] body() {
    return body;
  }

  public int withdrawnAt() {
    return 2;
  }

  public int withdrawnLength() {
    return withdrawnLength;
  }

  public int attributesAt() {
    return FIXED_LENGTH + withdrawnLength;
  }

  public int attributesLength() {
    return attributesLength;
  }

  public int nlriAt() {
    return FIXED_LENGTH + withdrawnLength + attributesLength;
  }

  public int nlriLength() {
    return nlriLength;
  }

  /** A copy of the withdrawn routes field. */
  public byte[] withdrawnRoutes() {
    return Arrays.copyOfRange(body, withdrawnAt(), withdrawnAt() + withdrawnLength);
  }

  /** A copy of the path attributes field. */
  public byte[] pathAttributes() {
    return Arrays.copyOfRange(body, attributesAt(), attributesAt() + attributesLength);
  }

  /** A copy of the NLRI field. */
  public byte[] nlri() {
    return Arrays.copyOfRange(body, nlriAt(), nlriAt() + nlriLength);
  }

  /** The IPv4 unicast End-of-RIB marker (RFC 4724): an UPDATE with nothing in it. */
  public boolean isIpv4EndOfRib() {
    return withdrawnLength == 0 && attributesLength == 0 && nlriLength == 0;
  }

  @Override
  public MessageType type() {
    return MessageType.UPDATE;
  }

  /**
   * Reads the {@code length} octets of a body at {@code at} in {@code in} into {@code into}, or
   * into a new instance when {@code into} is null, and checks its two length fields.
   */
  static UpdateMessage decode(ByteBuf in, int at, int length, UpdateMessage into)
      throws BgpError {
    int withdrawn = in.getUnsignedShort(at);
    if (withdrawn > length - FIXED_LENGTH) {
      throw malformed("withdrawn routes length " + withdrawn + " leaves no room for the"
          + " path attribute length");
    }
    int attributes = in.getUnsignedShort(at + 2 + withdrawn);
    if (attributes > length - FIXED_LENGTH - withdrawn) {
      throw malformed("total path attribute length " + attributes + " runs past the"
          + " message");
    }
    UpdateMessage m = into != null ? into : new UpdateMessage();
    if (m.body.length < length) {
      m.body = new byte[Math.max(length, 2 * m.body.length)];
    }
    in.getBytes(at, m.body, 0, length);
    m.withdrawnLength = withdrawn;
    m.attributesLength = attributes;
    m.nlriLength = length - FIXED_LENGTH - withdrawn - attributes;
    return m;
  }

  private static BgpError malformed(String why) {
    return new BgpError(BgpError.UPDATE_MESSAGE, MALFORMED_ATTRIBUTE_LIST, new byte[0], why);
  }

  @Override
  public void encodeBody(ByteBuf out, SessionOptions options) {
    out.writeBytes(body, 0, FIXED_LENGTH + withdrawnLength + attributesLength + nlriLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdateMessage u && Arrays.equals(body, 0, length(), u.body, 0, u.length())
        && withdrawnLength == u.withdrawnLength && attributesLength == u.attributesLength;
  }

  private int length() {
    return FIXED_LENGTH + withdrawnLength + attributesLength + nlriLength;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < length(); i++) {
      h = 31 * h + body[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return "UPDATE " + withdrawnLength + " octets withdrawn, " + attributesLength
        + " of attributes, " + nlriLength + " of NLRI";
  }
}
