package io.outpost.controlplane.interfaces;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address of an interface with the prefix length of its subnet: 192.0.2.1/24. */
public record InterfaceAddress(InetAddress address, int prefixLength) {
  /** Reads the canonical text form that the YANG types guarantee. */
  public static InterfaceAddress parse(String text) {
    int slash = text.indexOf('/');
    try {
      // the text is an IP literal (validated by the schema), so no name lookup happens
      return new InterfaceAddress(InetAddress.getByName(text.substring(0, slash)),
          Integer.parseInt(text.substring(slash + 1)));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** The canonical form (RFC 5952 for IPv6), as configuration writes it. */
  @Override
  public String toString() {
    return new inet.ipaddr.IPAddressString(address.getHostAddress().replaceAll("%.*", "")).getAddress()
        .toCanonicalString() + "/" + prefixLength;
  }
}
