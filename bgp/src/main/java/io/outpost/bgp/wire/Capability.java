package io.outpost.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One capability of an OPEN (RFC 5492): a code and its value octets, kept as they came so that
 * capabilities this speaker does not know round-trip untouched. Named codes and the readers of
 * their values are here; what to advertise and how to negotiate is the session's business.
 */
public record Capability(int code, byte[] value) {
  public static final int MULTIPROTOCOL = 1;           // RFC 4760
  public static final int ROUTE_REFRESH = 2;           // RFC 2918
  public static final int EXTENDED_NEXT_HOP = 5;       // RFC 8950
  public static final int EXTENDED_MESSAGE = 6;        // RFC 8654
  public static final int GRACEFUL_RESTART = 64;       // RFC 4724
  public static final int FOUR_OCTET_AS = 65;          // RFC 6793
  public static final int ADD_PATH = 69;               // RFC 7911
  public static final int ENHANCED_ROUTE_REFRESH = 70; // RFC 7313

  public Capability {
    if (code < 0 || code > 255 || value.length > 255) {
      throw new IllegalArgumentException("capability " + code + " with " + value.length
          + " octets");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Multiprotocol extensions for one address family (AFI, reserved octet, SAFI). */
  public static Capability multiprotocol(int afi, int safi) {
    return new Capability(MULTIPROTOCOL, new byte[] {(byte) (afi >>> 8), (byte) afi, 0,
        (byte) safi});
  }

  /** The speaker's AS number in four octets (RFC 6793). */
  public static Capability fourOctetAs(long as) {
    return new Capability(FOUR_OCTET_AS, new byte[] {(byte) (as >>> 24), (byte) (as >>> 16),
        (byte) (as >>> 8), (byte) as});
  }

  /** A capability that is only a flag: route refresh, enhanced route refresh, extended message. */
  public static Capability flag(int code) {
    return new Capability(code, new byte[0]);
  }

  /** For {@link #FOUR_OCTET_AS}: the AS number; -1 if the value is not four octets. */
  public long fourOctetAsNumber() {
    if (code != FOUR_OCTET_AS || value.length != 4) {
      return -1;
    }
    return ((value[0] & 0xffL) << 24) | ((value[1] & 0xff) << 16) | ((value[2] & 0xff) << 8)
        | (value[3] & 0xff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capability c && code == c.code && Arrays.equals(value, c.value);
  }

  @Override
  public int hashCode() {
    return code * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "capability " + code + (value.length == 0 ? "" : " " + HexFormat.of().formatHex(value));
  }
}
