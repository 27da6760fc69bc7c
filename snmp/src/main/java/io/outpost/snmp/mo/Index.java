package io.outpost.snmp.mo;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.snmp4j.smi.OID;

/**
 * Table indexes as SMIv2 encodes them (RFC 2578 §7.7): integers as one sub-identifier, strings
 * of variable length as their length and then one sub-identifier per octet, IpAddress as four,
 * and an {@code InetAddressType, InetAddress} pair (RFC 4001) as the type and the address
 * string.
 */
public final class Index {
  /** InetAddressType values (RFC 4001). */
  public static final int UNKNOWN = 0;
  public static final int IPV4 = 1;
  public static final int IPV6 = 2;

  private final int[] subs = new int[128];
  private int length;

  public static Index of() {
    return new Index();
  }

  public Index integer(long value) {
    subs[length++] = (int) value;
    return this;
  }

  /** An OCTET STRING of variable length: its length, then its octets. */
  public Index octets(byte[] bytes) {
    subs[length++] = bytes.length;
    for (byte b : bytes) {
      subs[length++] = b & 0xff;
    }
    return this;
  }

  /** An IpAddress: four sub-identifiers. */
  public Index ipAddress(Inet4Address address) {
    for (byte b : address.getAddress()) {
      subs[length++] = b & 0xff;
    }
    return this;
  }

  /** An InetAddressType and InetAddress pair; null is {@code unknown} and the empty string. */
  public Index inetAddress(InetAddress address) {
    if (address == null) {
      return integer(UNKNOWN).octets(new byte[0]);
    }
    return integer(typeOf(address)).octets(address.getAddress());
  }

  /** An OBJECT IDENTIFIER of variable length: its length, then its sub-identifiers. */
  public Index oid(OID oid) {
    subs[length++] = oid.size();
    for (int s : oid.getValue()) {
      subs[length++] = s;
    }
    return this;
  }

  public OID toOid() {
    return new OID(Arrays.copyOf(subs, length));
  }

  public static int typeOf(InetAddress address) {
    return address instanceof Inet4Address ? IPV4 : IPV6;
  }

  private Index() {}
}
