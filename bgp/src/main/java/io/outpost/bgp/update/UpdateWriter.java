package io.outpost.bgp.update;

import static io.outpost.bgp.update.AttributeType.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.BgpCodec;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.BgpMessage;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.MessageType;
import io.outpost.bgp.wire.Nlri;
import io.outpost.bgp.wire.OpenMessage;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.bgp.wire.UpdateMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes routes into as few UPDATEs as the negotiated message size allows: the attributes once,
 * then as many prefixes per message as fit. IPv4 prefixes with an IPv4 next hop travel in the
 * classic NLRI field with NEXT_HOP; everything else in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC
 * 4760). Attributes are written in type-code order. Without the four-octet AS capability the
 * AS_PATH is written two octets wide with AS_TRANS and the real path in AS4_PATH (RFC 6793).
 *
 * <p>Messages are written whole, headers included, straight into the caller's buffer: an
 * attribute set is encoded once into the writer's scratch buffers and copied into each message
 * that carries it, so writing a full table out makes no garbage per message (it made several
 * heap buffers and arrays per UPDATE, the largest share of what ten downstream peers cost the
 * collector). One writer per update group, used from one thread.
 */
public final class UpdateWriter {
  /** Octets an MP_REACH_NLRI header may take before its next hop: flags, type, 2 of length. */
  private static final int MP_ATTRIBUTE_HEADER = 4;
  /** AFI, SAFI, next hop length ... reserved: the MP_REACH_NLRI octets around the next hop. */
  private static final int MP_REACH_FIXED = 5;
  /** AFI and SAFI: the MP_UNREACH_NLRI octets before its prefixes. */
  private static final int MP_UNREACH_FIXED = 3;
  private static final int LENGTH_OFFSET = 16;

  private final SessionOptions options;
  /** The attribute set being written: types below MP_REACH_NLRI (14), and above it. */
  private final ByteBuf low = Unpooled.buffer(256);
  private final ByteBuf high = Unpooled.buffer(64);

  public UpdateWriter(SessionOptions options) {
    this.options = options;
  }

  /**
   * Appends to {@code out} the UPDATEs that announce prefixes {@code from} to {@code to}
   * (exclusive, in prefixes, not longs) of {@code prefixes} with {@code attributes}.
   *
   * @return how many messages it wrote
   */
  public int announce(Family family, PathAttributes attributes, long[] prefixes, int from,
      int to, ByteBuf out) {
    boolean classic = family == Family.IPV4_UNICAST && attributes.nextHop().length == 4;
    boolean addPath = options.addPathSend().contains(family);
    encode(attributes, classic);
    byte[] nextHop = attributes.nextHop();
    int room = options.maxMessageLength() - BgpCodec.HEADER_LENGTH - 4 - low.readableBytes()
        - high.readableBytes();
    if (!classic) {
      room -= MP_ATTRIBUTE_HEADER + MP_REACH_FIXED + nextHop.length;
    }
    int messages = 0;
    for (int i = from; i < to; messages++) {
      int n = fitting(prefixes, i, to, room, addPath);
      int nlri = encodedLength(prefixes, i, n, addPath);
      int start = header(out);
      out.writeShort(0); // no withdrawn routes
      int attributesAt = out.writerIndex();
      out.writeShort(0);
      copy(low, out);
      if (!classic) {
        attributeHeader(out, OPTIONAL, MP_REACH_NLRI, MP_REACH_FIXED + nextHop.length + nlri);
        out.writeShort(family.afi).writeByte(family.safi).writeByte(nextHop.length)
            .writeBytes(nextHop).writeByte(0);
        writePrefixes(prefixes, i, n, family, addPath, out);
      }
      copy(high, out);
      out.setShort(attributesAt, out.writerIndex() - attributesAt - 2);
      if (classic) {
        writePrefixes(prefixes, i, n, family, addPath, out);
      }
      end(out, start);
      i += n;
    }
    return messages;
  }

  /**
   * Appends to {@code out} the UPDATEs that withdraw prefixes {@code from} to {@code to} of
   * {@code prefixes}.
   *
   * @return how many messages it wrote
   */
  public int withdraw(Family family, long[] prefixes, int from, int to, ByteBuf out) {
    boolean addPath = options.addPathSend().contains(family);
    boolean classic = family == Family.IPV4_UNICAST;
    int room = options.maxMessageLength() - BgpCodec.HEADER_LENGTH - 4
        - (classic ? 0 : MP_ATTRIBUTE_HEADER + MP_UNREACH_FIXED);
    int messages = 0;
    for (int i = from; i < to; messages++) {
      int n = fitting(prefixes, i, to, room, addPath);
      int length = encodedLength(prefixes, i, n, addPath);
      int start = header(out);
      if (classic) {
        out.writeShort(length);
        writePrefixes(prefixes, i, n, family, addPath, out);
        out.writeShort(0);
      } else {
        unreach(family, prefixes, i, n, length, addPath, out);
      }
      end(out, start);
      i += n;
    }
    return messages;
  }

  /** Appends the End-of-RIB marker of {@code family} (RFC 4724 section 2) to {@code out}. */
  public void endOfRib(Family family, ByteBuf out) {
    int start = header(out);
    if (family == Family.IPV4_UNICAST) {
      out.writeShort(0).writeShort(0);
    } else {
      unreach(family, null, 0, 0, 0, false, out);
    }
    end(out, start);
  }

  /** An MP_UNREACH_NLRI UPDATE's body: no withdrawn routes, the one attribute. */
  private static void unreach(Family family, long[] prefixes, int from, int n, int length,
      boolean addPath, ByteBuf out) {
    out.writeShort(0);
    int attributesAt = out.writerIndex();
    out.writeShort(0);
    attributeHeader(out, OPTIONAL, MP_UNREACH_NLRI, MP_UNREACH_FIXED + length);
    out.writeShort(family.afi).writeByte(family.safi);
    writePrefixes(prefixes, from, n, family, addPath, out);
    out.setShort(attributesAt, out.writerIndex() - attributesAt - 2);
  }

  /** How many prefixes from {@code i} (at least one) fit {@code room} octets. */
  private static int fitting(long[] prefixes, int i, int to, int room, boolean addPath) {
    int used = 0;
    int j = i;
    while (j < to && used + Nlri.encodedLength(prefixes, j, addPath) <= room) {
      used += Nlri.encodedLength(prefixes, j, addPath);
      j++;
    }
    if (j == i) {
      throw new IllegalArgumentException("no room for one prefix in a message: " + room
          + " octets left by the attributes");
    }
    return j - i;
  }

  private static int encodedLength(long[] prefixes, int from, int n, boolean addPath) {
    int length = 0;
    for (int i = from; i < from + n; i++) {
      length += Nlri.encodedLength(prefixes, i, addPath);
    }
    return length;
  }

  private static void writePrefixes(long[] prefixes, int from, int n, Family family,
      boolean addPath, ByteBuf out) {
    for (int i = from; i < from + n; i++) {
      Nlri.encode(prefixes, i, family, addPath, out);
    }
  }

  /** Appends a scratch buffer's octets, from its array (no wrapper made per copy). */
  private static void copy(ByteBuf scratch, ByteBuf out) {
    out.writeBytes(scratch.array(), scratch.arrayOffset() + scratch.readerIndex(),
        scratch.readableBytes());
  }

  /** Writes a message header with its length to be filled in; where the message starts. */
  private static int header(ByteBuf out) {
    int start = out.writerIndex();
    out.writeLong(-1L).writeLong(-1L).writeShort(0).writeByte(MessageType.UPDATE.code());
    return start;
  }

  private static void end(ByteBuf out, int start) {
    out.setShort(start + LENGTH_OFFSET, out.writerIndex() - start);
  }

  /**
   * Encodes {@code p} into {@link #low} (the attributes of type below 14) and {@link #high}
   * (above 15).
   */
  private void encode(PathAttributes p, boolean classic) {
    ByteBuf b = low.clear();
    attributeHeader(b, TRANSITIVE, ORIGIN, 1);
    b.writeByte(p.origin());
    boolean wide = options.fourOctetAs();
    attributeHeader(b, TRANSITIVE, AS_PATH, asPathLength(p.asPath(), wide));
    asPath(p.asPath(), wide, b);
    if (classic) {
      attributeHeader(b, TRANSITIVE, NEXT_HOP, 4);
      b.writeBytes(p.nextHop());
    }
    if (p.med() >= 0) {
      attributeHeader(b, OPTIONAL, MULTI_EXIT_DISC, 4);
      b.writeInt((int) p.med());
    }
    if (p.localPref() >= 0) {
      attributeHeader(b, TRANSITIVE, LOCAL_PREF, 4);
      b.writeInt((int) p.localPref());
    }
    if (p.atomicAggregate()) {
      attributeHeader(b, TRANSITIVE, ATOMIC_AGGREGATE, 0);
    }
    if (p.aggregatorAs() >= 0) {
      attributeHeader(b, OPTIONAL | TRANSITIVE, AGGREGATOR, wide ? 8 : 6);
      if (wide) {
        b.writeInt((int) p.aggregatorAs());
      } else {
        b.writeShort(p.aggregatorAs() > 0xffff ? OpenMessage.AS_TRANS : (int) p.aggregatorAs());
      }
      b.writeInt(p.aggregatorAddress());
    }
    ints(b, OPTIONAL | TRANSITIVE, COMMUNITIES, p.communities());
    if (p.originatorId() >= 0) {
      attributeHeader(b, OPTIONAL, ORIGINATOR_ID, 4);
      b.writeInt((int) p.originatorId());
    }
    ints(b, OPTIONAL, CLUSTER_LIST, p.clusterList());

    b = high.clear();
    long[] extended = p.extendedCommunities();
    if (extended.length > 0) {
      attributeHeader(b, OPTIONAL | TRANSITIVE, EXTENDED_COMMUNITIES, 8 * extended.length);
      for (long c : extended) {
        b.writeLong(c);
      }
    }
    if (!wide && needsAs4(p.asPath())) {
      attributeHeader(b, OPTIONAL | TRANSITIVE, AS4_PATH, asPathLength(p.asPath(), true));
      asPath(p.asPath(), true, b);
    }
    if (!wide && p.aggregatorAs() > 0xffff) {
      attributeHeader(b, OPTIONAL | TRANSITIVE, AS4_AGGREGATOR, 8);
      b.writeInt((int) p.aggregatorAs()).writeInt(p.aggregatorAddress());
    }
    ints(b, OPTIONAL | TRANSITIVE, LARGE_COMMUNITY, p.largeCommunities());
    b.writeBytes(p.unknownTransitive());
  }

  /** An attribute whose value is {@code values}, four octets each; nothing when empty. */
  private static void ints(ByteBuf out, int flags, int type, int[] values) {
    if (values.length > 0) {
      attributeHeader(out, flags, type, 4 * values.length);
      for (int v : values) {
        out.writeInt(v);
      }
    }
  }

  private static boolean needsAs4(int[] path) {
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      for (int i = 0; i < path[at + 1]; i++) {
        if ((path[at + 2 + i] & 0xffff_ffffL) > 0xffff) {
          return true;
        }
      }
    }
    return false;
  }

  private static int asPathLength(int[] path, boolean wide) {
    int length = 0;
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      length += 2 + path[at + 1] * (wide ? 4 : 2);
    }
    return length;
  }

  private static void asPath(int[] path, boolean wide, ByteBuf out) {
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      out.writeByte(path[at]).writeByte(path[at + 1]);
      for (int i = 0; i < path[at + 1]; i++) {
        long as = path[at + 2 + i] & 0xffff_ffffL;
        if (wide) {
          out.writeInt((int) as);
        } else {
          out.writeShort(as > 0xffff ? OpenMessage.AS_TRANS : (int) as);
        }
      }
    }
  }

  /** Flags, type and length of an attribute; the extended length only when it is needed. */
  private static void attributeHeader(ByteBuf out, int flags, int type, int length) {
    if (length > 255) {
      out.writeByte(flags | EXTENDED_LENGTH).writeByte(type).writeShort(length);
    } else {
      out.writeByte(flags).writeByte(type).writeByte(length);
    }
  }

  /** For tests and tools: every message {@link #announce} would write, as messages. */
  public List<UpdateMessage> announce(Family family, PathAttributes attributes, long[] prefixes) {
    ByteBuf out = Unpooled.buffer();
    announce(family, attributes, prefixes, 0, Nlri.count(prefixes), out);
    return messages(out);
  }

  /** For tests and tools: every message {@link #withdraw} would write, as messages. */
  public List<UpdateMessage> withdraw(Family family, long[] prefixes) {
    ByteBuf out = Unpooled.buffer();
    withdraw(family, prefixes, 0, Nlri.count(prefixes), out);
    return messages(out);
  }

  /** The End-of-RIB marker of {@code family}, as a message. */
  public UpdateMessage endOfRib(Family family) {
    ByteBuf out = Unpooled.buffer();
    endOfRib(family, out);
    return messages(out).getFirst();
  }

  /** The messages in {@code out}, which this writer wrote and which therefore decode. */
  private List<UpdateMessage> messages(ByteBuf out) {
    List<UpdateMessage> messages = new ArrayList<>();
    try {
      while (out.isReadable()) {
        BgpMessage m = BgpCodec.decode(out, options);
        messages.add((UpdateMessage) m);
      }
    } catch (BgpError e) {
      throw new IllegalStateException("the writer wrote what the codec refuses", e);
    }
    return messages;
  }
}
