package io.outpost.controlplane.forwarding;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.pipeline.Stage;
import io.outpost.dataplane.pipeline.TraceRecord;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Renders traced packets for {@code trace}: for each, a one-line decode of the packet as it
 * arrived, then the stages it went through and how it ended (sent where, punted, consumed, or
 * dropped and why).
 */
public final class TraceReport {
  private static final List<Stage> CHAIN = Arrays.stream(Stage.values())
      .filter(s -> s != Stage.KERNEL_OUTPUT).toList();

  private TraceReport() {}

  /**
   * @param ports the port names by index
   * @param interfaces the interface names by id (null where free)
   */
  public static String render(List<TraceRecord> records, List<String> ports,
      List<String> interfaces) {
    if (records.isEmpty()) {
      return "No packets arrived to trace.\n";
    }
    StringBuilder out = new StringBuilder();
    long start = records.getFirst().nanoTime();
    for (int i = 0; i < records.size(); i++) {
      TraceRecord r = records.get(i);
      out.append("Packet %d: %s, %d bytes, worker %d, +%.3f s%n".formatted(i + 1,
          name(ports, r.port()), r.frameLength(), r.worker(), (r.nanoTime() - start) / 1e9));
      out.append("  ").append(decode(r.head())).append('\n');
      String previous = null;
      for (Stage stage : CHAIN) {
        String step = r.step(stage);
        if (step.equals(previous)) {
          continue;
        }
        previous = step;
        out.append("  %-14s -> %s".formatted(stage.label(), step));
        if (stage == Stage.ETHERNET_INPUT && r.interfaceIn() >= 0) {
          out.append(" (interface ").append(name(interfaces, r.interfaceIn())).append(')');
        }
        out.append('\n');
      }
      out.append("  ").append(ending(r, interfaces)).append("\n\n");
    }
    return out.toString();
  }

  private static String ending(TraceRecord r, List<String> interfaces) {
    if (r.dropReason() != null) {
      return "dropped: " + r.dropReason().label();
    }
    if (r.forwarded()) {
      return "sent out of " + name(interfaces, r.interfaceOut()) + " to "
          + Ethernet.format(r.dstMac()) + " (next hop " + r.nextHop() + ")";
    }
    if (r.punted()) {
      return "punted to the kernel mirror of " + name(interfaces, r.interfaceIn());
    }
    return "consumed by the data plane (answered, or queued for neighbor resolution)";
  }

  private static String name(List<String> names, int index) {
    return index >= 0 && index < names.size() && names.get(index) != null ? names.get(index)
        : "#" + index;
  }

  /** A tcpdump-like line for the first bytes of a frame; what cannot be read says so. */
  static String decode(byte[] head) {
    ByteBuffer b = ByteBuffer.wrap(head);
    StringBuilder out = new StringBuilder();
    try {
      long dst = mac(b);
      long src = mac(b);
      out.append(Ethernet.format(src)).append(" > ").append(Ethernet.format(dst));
      int type = b.getShort() & 0xffff;
      if (type == Ethernet.TYPE_VLAN) {
        out.append(" vlan ").append(b.getShort() & 0x0fff);
        type = b.getShort() & 0xffff;
      }
      switch (type) {
        case Ethernet.TYPE_IPV4 -> ipv4(b, out);
        case Ethernet.TYPE_IPV6 -> ipv6(b, out);
        case Ethernet.TYPE_ARP -> arp(b, out);
        default -> out.append(" ethertype 0x%04x".formatted(type));
      }
    } catch (BufferUnderflowException e) {
      out.append(" [truncated]");
    }
    return out.toString();
  }

  private static long mac(ByteBuffer b) {
    return ((long) (b.getShort() & 0xffff) << 32) | (b.getInt() & 0xffff_ffffL);
  }

  private static void ipv4(ByteBuffer b, StringBuilder out) {
    out.append(" IPv4");
    int start = b.position();
    int versionIhl = b.get() & 0xff;
    b.get();
    int length = b.getShort() & 0xffff;
    b.getShort();
    int fragment = b.getShort() & 0xffff;
    int ttl = b.get() & 0xff;
    int protocol = b.get() & 0xff;
    b.getShort();
    byte[] src = new byte[4];
    byte[] dst = new byte[4];
    b.get(src).get(dst);
    out.append(' ').append(new IPv4Address(src)).append(" > ").append(new IPv4Address(dst))
        .append(" ttl ").append(ttl).append(" length ").append(length);
    if ((fragment & 0x3fff) != 0) {
      out.append(" fragment offset ").append((fragment & 0x1fff) * 8)
          .append((fragment & 0x2000) != 0 ? " more" : "");
    }
    if ((fragment & 0x4000) != 0) {
      out.append(" DF");
    }
    if ((versionIhl >>> 4) != 4 || (versionIhl & 0xf) < 5) {
      out.append(" [bad version or header length 0x%02x]".formatted(versionIhl));
      return;
    }
    b.position(start + (versionIhl & 0xf) * 4);
    if ((fragment & 0x1fff) == 0) {
      upper(protocol, b, out);
    }
  }

  private static void ipv6(ByteBuffer b, StringBuilder out) {
    out.append(" IPv6");
    b.getInt();
    int length = b.getShort() & 0xffff;
    int next = b.get() & 0xff;
    int hopLimit = b.get() & 0xff;
    byte[] src = new byte[16];
    byte[] dst = new byte[16];
    b.get(src).get(dst);
    out.append(' ').append(new IPv6Address(src).toCompressedString()).append(" > ")
        .append(new IPv6Address(dst).toCompressedString()).append(" hlim ").append(hopLimit)
        .append(" payload ").append(length);
    upper(next, b, out);
  }

  private static void upper(int protocol, ByteBuffer b, StringBuilder out) {
    switch (protocol) {
      case 6 -> out.append(" TCP ").append(b.getShort() & 0xffff).append(" > ")
          .append(b.getShort() & 0xffff);
      case 17 -> out.append(" UDP ").append(b.getShort() & 0xffff).append(" > ")
          .append(b.getShort() & 0xffff);
      case 1 -> out.append(" ICMP type ").append(b.get() & 0xff).append(" code ")
          .append(b.get() & 0xff);
      case 58 -> out.append(" ICMPv6 type ").append(b.get() & 0xff).append(" code ")
          .append(b.get() & 0xff);
      default -> out.append(" protocol ").append(protocol);
    }
  }

  private static void arp(ByteBuffer b, StringBuilder out) {
    b.position(b.position() + 6);
    int op = b.getShort() & 0xffff;
    b.position(b.position() + 6);
    byte[] sender = new byte[4];
    b.get(sender);
    b.position(b.position() + 6);
    byte[] target = new byte[4];
    b.get(target);
    out.append(op == 1 ? " ARP who-has " + new IPv4Address(target) + " tell "
        + new IPv4Address(sender) : op == 2 ? " ARP " + new IPv4Address(sender) + " is-at"
        : " ARP op " + op);
  }
}
