package io.outpost.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An OPEN (RFC 4271 section 4.2) with its capabilities (RFC 5492), the only optional parameter
 * in use. Decoding refuses, with the NOTIFICATION RFC 4271 section 6.2 prescribes: a version
 * other than 4 (data: the version we support), a hold time of 1 or 2 seconds, a BGP identifier
 * of 0, an optional parameter other than capabilities, and parameter lengths that do not add
 * up. Whether the peer's AS is the one configured is the session's check, not the codec's.
 *
 * <p>Limits: the optional parameters fit in 255 octets (RFC 4271's one-octet length; the
 * extended form of RFC 9072 is not decoded yet and is refused as malformed).
 *
 * @param myAs the two-octet "My Autonomous System" field (AS_TRANS, 23456, when the speaker's
 *     AS needs four octets; the real one is in the {@link Capability#FOUR_OCTET_AS} capability)
 * @param bgpIdentifier the BGP identifier as an unsigned 32-bit value
 */
public record OpenMessage(int version, int myAs, int holdTime, long bgpIdentifier,
    List<Capability> capabilities) implements BgpMessage {
  public static final int VERSION = 4;
  public static final int AS_TRANS = 23456;
  private static final int CAPABILITIES_PARAMETER = 2;
  /** Version, My AS, Hold Time, BGP Identifier, Opt Parm Len. */
  static final int FIXED_LENGTH = 10;

  public OpenMessage {
    capabilities = List.copyOf(capabilities);
  }

  @Override
  public MessageType type() {
    return MessageType.OPEN;
  }

  /** The speaker's AS: from the four-octet capability when present, else My AS. */
  public long speakerAs() {
    for (Capability c : capabilities) {
      long as = c.fourOctetAsNumber();
      if (as >= 0) {
        return as;
      }
    }
    return myAs;
  }

  static OpenMessage decode(ByteBuf body) throws BgpError {
    int version = body.readUnsignedByte();
    if (version != VERSION) {
      throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.UNSUPPORTED_VERSION,
          BgpError.u16(VERSION), "version " + version + ", we speak 4");
    }
    int myAs = body.readUnsignedShort();
    int holdTime = body.readUnsignedShort();
    if (holdTime == 1 || holdTime == 2) {
      throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.UNACCEPTABLE_HOLD_TIME, new byte[0],
          "hold time " + holdTime + " s: it must be 0 or at least 3");
    }
    long identifier = body.readUnsignedInt();
    if (identifier == 0) {
      throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.BAD_BGP_IDENTIFIER, new byte[0],
          "BGP identifier 0.0.0.0");
    }
    int parametersLength = body.readUnsignedByte();
    if (parametersLength != body.readableBytes()) {
      throw malformed("optional parameters length " + parametersLength + " but "
          + body.readableBytes() + " octets follow");
    }
    List<Capability> capabilities = new ArrayList<>();
    while (body.isReadable()) {
      if (body.readableBytes() < 2) {
        throw malformed("an optional parameter cut short");
      }
      int type = body.readUnsignedByte();
      int length = body.readUnsignedByte();
      if (length > body.readableBytes()) {
        throw malformed("optional parameter " + type + " of " + length + " octets runs past"
            + " the message");
      }
      if (type != CAPABILITIES_PARAMETER) {
        throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.UNSUPPORTED_OPTIONAL_PARAMETER,
            new byte[0], "optional parameter type " + type);
      }
      ByteBuf parameter = body.readSlice(length);
      while (parameter.isReadable()) {
        if (parameter.readableBytes() < 2) {
          throw malformed("a capability cut short");
        }
        int code = parameter.readUnsignedByte();
        int valueLength = parameter.readUnsignedByte();
        if (valueLength > parameter.readableBytes()) {
          throw malformed("capability " + code + " of " + valueLength + " octets runs past its"
              + " parameter");
        }
        byte[] value = new byte[valueLength];
        parameter.readBytes(value);
        capabilities.add(new Capability(code, value));
      }
    }
    return new OpenMessage(version, myAs, holdTime, identifier, capabilities);
  }

  private static BgpError malformed(String why) {
    return new BgpError(BgpError.OPEN_MESSAGE, 0, new byte[0], why);
  }

  /**
   * Writes the body; the capabilities go in one optional parameter.
   *
   * @throws IllegalArgumentException if they do not fit its 255 octets
   */
  @Override
  public void encodeBody(ByteBuf out, SessionOptions options) {
    int capabilitiesLength = 0;
    for (Capability c : capabilities) {
      capabilitiesLength += 2 + c.value().length;
    }
    if (capabilitiesLength > 253) {
      throw new IllegalArgumentException(capabilities.size() + " capabilities take "
          + capabilitiesLength + " octets; one optional parameter holds 253");
    }
    out.writeByte(version).writeShort(myAs).writeShort(holdTime).writeInt((int) bgpIdentifier);
    if (capabilities.isEmpty()) {
      out.writeByte(0);
      return;
    }
    out.writeByte(2 + capabilitiesLength).writeByte(CAPABILITIES_PARAMETER)
        .writeByte(capabilitiesLength);
    for (Capability c : capabilities) {
      byte[] value = c.value();
      out.writeByte(c.code()).writeByte(value.length).writeBytes(value);
    }
  }
}
