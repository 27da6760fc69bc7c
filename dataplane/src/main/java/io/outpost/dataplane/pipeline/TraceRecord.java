package io.outpost.dataplane.pipeline;

/**
 * One traced packet, as {@link PacketTrace} recorded it.
 *
 * @param worker the worker that handled it
 * @param nanoTime when its burst was received (System.nanoTime scale)
 * @param port the port it arrived on
 * @param frameLength its length on the wire
 * @param head its first bytes as received, from the Ethernet header on
 * @param arcs per {@link Stage} (by ordinal), where that stage left it; see {@link #step}
 * @param interfaceIn the interface it arrived on, -1 if none matched
 * @param interfaceOut the egress interface, for a forwarded packet
 * @param nextHop the next-hop id its route gave, for a forwarded packet
 * @param dstMac the MAC it was sent to, for a forwarded packet
 * @param dropReason why it was dropped, or null
 */
public record TraceRecord(int worker, long nanoTime, int port, int frameLength, byte[] head,
    int[] arcs, int interfaceIn, int interfaceOut, int nextHop, long dstMac,
    DropReason dropReason) {

  /** Where {@code stage} left the packet: "arp", "ipv4", "forward", "punt", "output", "drop"... */
  public String step(Stage stage) {
    return switch (arcs[stage.ordinal()]) {
      case Arc.DROP -> "drop";
      case Arc.ARP -> "arp-input";
      case Arc.IPV4 -> "ipv4-input";
      case Arc.IPV6 -> "ipv6-input";
      case Arc.FORWARD4 -> "ipv4-forward";
      case Arc.FORWARD6 -> "ipv6-forward";
      case Arc.PUNT -> "punt";
      case Arc.OUTPUT -> "output";
      case Arc.DONE -> "done";
      default -> "?";
    };
  }

  /** Whether it was forwarded out of a port (rather than punted, consumed or dropped). */
  public boolean forwarded() {
    return arcs[Stage.OUTPUT.ordinal()] == Arc.OUTPUT;
  }

  /** Whether it went to the kernel mirror. */
  public boolean punted() {
    return arcs[Stage.PUNT.ordinal()] == Arc.PUNT;
  }
}
