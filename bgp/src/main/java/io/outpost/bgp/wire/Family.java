package io.outpost.bgp.wire;

/**
 * The address families Outpost speaks (RFC 4760 AFI/SAFI): IPv4 and IPv6 unicast. Others in a
 * peer's capabilities or MP attributes are recognised as "not ours" and left alone.
 */
public enum Family {
  IPV4_UNICAST(1, 1, 32, 4), IPV6_UNICAST(2, 1, 128, 16);

  public final int afi;
  public final int safi;
  /** The longest prefix, in bits. */
  public final int maxLength;
  /** Octets of an address. */
  public final int addressLength;

  Family(int afi, int safi, int maxLength, int addressLength) {
    this.afi = afi;
    this.safi = safi;
    this.maxLength = maxLength;
    this.addressLength = addressLength;
  }

  /** The family with these numbers, or null when Outpost does not speak it. */
  public static Family of(int afi, int safi) {
    for (Family f : values()) {
      if (f.afi == afi && f.safi == safi) {
        return f;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return this == IPV4_UNICAST ? "ipv4-unicast" : "ipv6-unicast";
  }
}
