package io.outpost.controlplane.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The one-line decode of traced packets, on frames written out by hand. */
class TraceReportTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  private static final String MACS = "020000000001 02aa00000001";

  @Test
  void ipv4Udp() {
    assertEquals("02:aa:00:00:00:01 > 02:00:00:00:00:01 IPv4 10.0.1.2 > 198.51.100.7 ttl 64"
        + " length 28 DF UDP 1000 > 2000", TraceReport.decode(hex(MACS + "0800"
        + "4500 001c 0001 4000 4011 0000 0a000102 c6336407" + "03e8 07d0 0008 0000")));
  }

  @Test
  void taggedIpv6Icmp() {
    assertEquals("02:aa:00:00:00:01 > 02:00:00:00:00:01 vlan 100 IPv6 2001:db8::1 > 2001:db8::2"
        + " hlim 255 payload 8 ICMPv6 type 128 code 0", TraceReport.decode(hex(MACS
        + "8100 0064 86dd" + "60000000 0008 3a ff" + "20010db8000000000000000000000001"
        + "20010db8000000000000000000000002" + "8000 0000 0000 0000")));
  }

  @Test
  void arpAndFragmentsAndTruncation() {
    assertEquals("02:aa:00:00:00:01 > 02:00:00:00:00:01 ARP who-has 10.0.1.1 tell 10.0.1.2",
        TraceReport.decode(hex(MACS + "0806" + "0001 0800 06 04 0001" + "02aa00000001 0a000102"
            + "000000000000 0a000101")));
    assertEquals("02:aa:00:00:00:01 > 02:00:00:00:00:01 IPv4 10.0.1.2 > 198.51.100.7 ttl 64"
        + " length 28 fragment offset 64", TraceReport.decode(hex(MACS + "0800"
        + "4500 001c 0001 0008 4011 0000 0a000102 c6336407")));
    assertEquals("02:aa:00:00:00:01 > 02:00:00:00:00:01 IPv4 [truncated]",
        TraceReport.decode(hex(MACS + "0800 4500 001c")));
  }
}
