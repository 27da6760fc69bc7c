package io.outpost.controlplane.yang;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Locale;
import java.util.Map;

/**
 * Meanings of the {@code outpost-types} typedefs beyond their YANG patterns, keyed by qualified
 * typedef name. The patterns in the YANG module say what the text looks like (so that yanglint
 * and other YANG tools check the same shape); this class checks what they cannot (a prefix with
 * host bits set) and gives the canonical form (RFC 5952 for IPv6, lower-case MAC addresses).
 * Addresses are read with the ipaddress library under strict options: no leading zeros in IPv4
 * (is 010 eight or ten?), no inet_aton forms, no zones, no ranges, no masks.
 */
public final class WellKnownTypes {
  private static final String MODULE = "outpost-types";

  private static final IPAddressStringParameters ADDRESS = strict(false);
  private static final IPAddressStringParameters PREFIXED = strict(true);

  private static final Map<String, StringSemantics> SEMANTICS = Map.of(
      MODULE + ":ipv4-address", v -> address(v, 4),
      MODULE + ":ipv6-address", v -> address(v, 6),
      MODULE + ":ipv4-prefix", v -> prefix(v, 4, true),
      MODULE + ":ipv6-prefix", v -> prefix(v, 6, true),
      MODULE + ":ipv4-interface-address", v -> prefix(v, 4, false),
      MODULE + ":ipv6-interface-address", v -> prefix(v, 6, false),
      MODULE + ":mac-address", v -> v.toLowerCase(Locale.ROOT));

  private WellKnownTypes() {}

  /** The semantics registered for a qualified typedef name, or null. */
  static StringSemantics forTypedef(String qualifiedName) {
    return SEMANTICS.get(qualifiedName);
  }

  private static IPAddressStringParameters strict(boolean prefix) {
    IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder();
    b.allowEmpty(false).allowAll(false).allowMask(false).allowPrefixOnly(false)
        .allowSingleSegment(false).allowWildcardedSeparator(false).allow_inet_aton(false)
        .setRangeOptions(RangeParameters.NO_RANGE).allowPrefix(prefix);
    // Leading zeros in prefix lengths are refused by the YANG patterns, which run first; the
    // library's own check would also refuse "/0".
    b.getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowBinary(false)
        .allowPrefixesBeyondAddressSize(false);
    b.getIPv6AddressParametersBuilder().allowZone(false).allowBinary(false).allowBase85(false)
        .allowPrefixesBeyondAddressSize(false).allowUnlimitedLeadingZeros(false);
    return b.toParams();
  }

  private static IPAddress parse(String text, IPAddressStringParameters params, int version, String what)
      throws InvalidValueException {
    IPAddress address;
    try {
      address = new IPAddressString(text, params).toAddress();
    } catch (AddressStringException e) {
      throw new InvalidValueException("\"" + text + "\" is not a valid " + what);
    }
    if ((version == 4) != address.isIPv4()) {
      throw new InvalidValueException("\"" + text + "\" is not a valid " + what);
    }
    return address;
  }

  private static String address(String text, int version) throws InvalidValueException {
    return parse(text, ADDRESS, version, "IPv" + version + " address").toCanonicalString();
  }

  /**
   * A prefix (network: host bits must be zero) or an interface address with its prefix length
   * (host bits are the point).
   */
  private static String prefix(String text, int version, boolean network) throws InvalidValueException {
    String what = network ? "IPv" + version + " prefix" : "IPv" + version + " address/prefix-length";
    if (text.indexOf('/') < 0) {
      throw new InvalidValueException("\"" + text + "\" needs a prefix length, as in "
          + (version == 4 ? "192.0.2.1/24" : "2001:db8::1/64"));
    }
    IPAddress a = parse(text, PREFIXED, version, what);
    int length = a.getNetworkPrefixLength();
    // With host bits zero the library reads the text as the whole block: its lowest address is
    // the one written. With host bits set it is that single address.
    IPAddress host = a.getLower().withoutPrefixLength();
    IPAddress net = a.toPrefixBlock().getLower().withoutPrefixLength();
    if (network && !host.equals(net)) {
      throw new InvalidValueException("\"" + text + "\" has host bits set; did you mean "
          + net.toCanonicalString() + "/" + length + "?");
    }
    return host.toCanonicalString() + "/" + length;
  }
}
