package io.outpost.bgp.update;

import static io.outpost.bgp.update.AttributeType.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.BgpCodec;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.Nlri;
import io.outpost.bgp.wire.OpenMessage;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.bgp.wire.UpdateMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes routes into as few UPDATEs as the negotiated message size allows: the attributes once,
 * then as many prefixes per message as fit. IPv4 prefixes with an IPv4 next hop travel in the
 * classic NLRI field with NEXT_HOP; everything else in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC
 * 4760). Attributes are written in type-code order. Without the four-octet AS capability the
 * AS_PATH is written two octets wide with AS_TRANS and the real path in AS4_PATH (RFC 6793).
 */
public final class UpdateWriter {
  private final SessionOptions options;

  public UpdateWriter(SessionOptions options) {
    this.options = options;
  }

  /** Announces {@code prefixes} of {@code family} with {@code attributes}, to {@code out}. */
  public void announce(Family family, PathAttributes attributes, long[] prefixes,
      Consumer<UpdateMessage> out) {
    boolean classic = family == Family.IPV4_UNICAST && attributes.nextHop().length == 4;
    boolean addPath = options.addPathSend().contains(family);
    byte[] low = encode(attributes, classic, true);
    byte[] high = encode(attributes, classic, false);
    int room = options.maxMessageLength() - BgpCodec.HEADER_LENGTH - 4 - low.length
        - high.length;
    if (!classic) {
      room -= 4 + 5 + attributes.nextHop().length; // MP_REACH header, AFI/SAFI/NH, reserved
    }
    int i = 0;
    int count = Nlri.count(prefixes);
    while (i < count) {
      ByteBuf nlri = Unpooled.buffer();
      i = pack(prefixes, i, room, family, addPath, nlri);
      byte[] field = ByteBufUtil.getBytes(nlri);
      if (classic) {
        out.accept(new UpdateMessage(new byte[0], concat(low, high), field));
      } else {
        ByteBuf mp = Unpooled.buffer();
        mp.writeShort(family.afi).writeByte(family.safi).writeByte(attributes.nextHop().length)
            .writeBytes(attributes.nextHop()).writeByte(0).writeBytes(field);
        ByteBuf all = Unpooled.buffer().writeBytes(low);
        attribute(all, OPTIONAL, MP_REACH_NLRI, ByteBufUtil.getBytes(mp));
        out.accept(new UpdateMessage(new byte[0], ByteBufUtil.getBytes(all.writeBytes(high)),
            new byte[0]));
      }
    }
  }

  /** Withdraws {@code prefixes} of {@code family}, to {@code out}. */
  public void withdraw(Family family, long[] prefixes, Consumer<UpdateMessage> out) {
    boolean addPath = options.addPathSend().contains(family);
    int room = options.maxMessageLength() - BgpCodec.HEADER_LENGTH - 4
        - (family == Family.IPV4_UNICAST ? 0 : 4 + 3);
    int i = 0;
    int count = Nlri.count(prefixes);
    while (i < count) {
      ByteBuf field = Unpooled.buffer();
      i = pack(prefixes, i, room, family, addPath, field);
      out.accept(unreach(family, ByteBufUtil.getBytes(field)));
    }
  }

  /** Encodes prefixes from {@code i} while they fit {@code room} octets; the next index. */
  private static int pack(long[] prefixes, int i, int room, Family family, boolean addPath,
      ByteBuf out) {
    int count = Nlri.count(prefixes);
    for (int used = 0; i < count && used + Nlri.encodedLength(prefixes, i, addPath) <= room;
        i++) {
      used += Nlri.encodedLength(prefixes, i, addPath);
      Nlri.encode(prefixes, i, family, addPath, out);
    }
    return i;
  }

  /** The End-of-RIB marker of {@code family} (RFC 4724 section 2). */
  public UpdateMessage endOfRib(Family family) {
    return unreach(family, new byte[0]);
  }

  private static UpdateMessage unreach(Family family, byte[] field) {
    if (family == Family.IPV4_UNICAST) {
      return new UpdateMessage(field, new byte[0], new byte[0]);
    }
    ByteBuf mp = Unpooled.buffer().writeShort(family.afi).writeByte(family.safi)
        .writeBytes(field);
    ByteBuf all = Unpooled.buffer();
    attribute(all, OPTIONAL, MP_UNREACH_NLRI, ByteBufUtil.getBytes(mp));
    return new UpdateMessage(new byte[0], ByteBufUtil.getBytes(all), new byte[0]);
  }

  /** The attributes of type below 14 ({@code low}) or above it, encoded. */
  private byte[] encode(PathAttributes p, boolean classic, boolean low) {
    ByteBuf b = Unpooled.buffer();
    if (low) {
      attribute(b, TRANSITIVE, ORIGIN, new byte[] {(byte) p.origin()});
      attribute(b, TRANSITIVE, AS_PATH, asPath(p.asPath(), options.fourOctetAs()));
      if (classic) {
        attribute(b, TRANSITIVE, NEXT_HOP, p.nextHop());
      }
      if (p.med() >= 0) {
        attribute(b, OPTIONAL, MULTI_EXIT_DISC, u32(p.med()));
      }
      if (p.localPref() >= 0) {
        attribute(b, TRANSITIVE, LOCAL_PREF, u32(p.localPref()));
      }
      if (p.atomicAggregate()) {
        attribute(b, TRANSITIVE, ATOMIC_AGGREGATE, new byte[0]);
      }
      if (p.aggregatorAs() >= 0) {
        boolean wide = options.fourOctetAs();
        ByteBuf v = Unpooled.buffer();
        if (wide) {
          v.writeInt((int) p.aggregatorAs());
        } else {
          v.writeShort(p.aggregatorAs() > 0xffff ? OpenMessage.AS_TRANS : (int) p.aggregatorAs());
        }
        attribute(b, OPTIONAL | TRANSITIVE, AGGREGATOR,
            ByteBufUtil.getBytes(v.writeInt(p.aggregatorAddress())));
      }
      if (p.communities().length > 0) {
        ByteBuf v = Unpooled.buffer();
        for (int c : p.communities()) {
          v.writeInt(c);
        }
        attribute(b, OPTIONAL | TRANSITIVE, COMMUNITIES, ByteBufUtil.getBytes(v));
      }
      if (p.originatorId() >= 0) {
        attribute(b, OPTIONAL, ORIGINATOR_ID, u32(p.originatorId()));
      }
      if (p.clusterList().length > 0) {
        ByteBuf v = Unpooled.buffer();
        for (int c : p.clusterList()) {
          v.writeInt(c);
        }
        attribute(b, OPTIONAL, CLUSTER_LIST, ByteBufUtil.getBytes(v));
      }
    } else {
      if (p.extendedCommunities().length > 0) {
        ByteBuf v = Unpooled.buffer();
        for (long c : p.extendedCommunities()) {
          v.writeLong(c);
        }
        attribute(b, OPTIONAL | TRANSITIVE, EXTENDED_COMMUNITIES, ByteBufUtil.getBytes(v));
      }
      if (!options.fourOctetAs() && needsAs4(p.asPath())) {
        attribute(b, OPTIONAL | TRANSITIVE, AS4_PATH, asPath(p.asPath(), true));
      }
      if (!options.fourOctetAs() && p.aggregatorAs() > 0xffff) {
        attribute(b, OPTIONAL | TRANSITIVE, AS4_AGGREGATOR, ByteBufUtil.getBytes(
            Unpooled.buffer().writeInt((int) p.aggregatorAs()).writeInt(p.aggregatorAddress())));
      }
      if (p.largeCommunities().length > 0) {
        ByteBuf v = Unpooled.buffer();
        for (int c : p.largeCommunities()) {
          v.writeInt(c);
        }
        attribute(b, OPTIONAL | TRANSITIVE, LARGE_COMMUNITY, ByteBufUtil.getBytes(v));
      }
      b.writeBytes(p.unknownTransitive());
    }
    return ByteBufUtil.getBytes(b);
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

  private static byte[] asPath(int[] path, boolean wide) {
    ByteBuf v = Unpooled.buffer();
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      v.writeByte(path[at]).writeByte(path[at + 1]);
      for (int i = 0; i < path[at + 1]; i++) {
        long as = path[at + 2 + i] & 0xffff_ffffL;
        if (wide) {
          v.writeInt((int) as);
        } else {
          v.writeShort(as > 0xffff ? OpenMessage.AS_TRANS : (int) as);
        }
      }
    }
    return ByteBufUtil.getBytes(v);
  }

  private static void attribute(ByteBuf out, int flags, int type, byte[] value) {
    if (value.length > 255) {
      out.writeByte(flags | EXTENDED_LENGTH).writeByte(type).writeShort(value.length);
    } else {
      out.writeByte(flags).writeByte(type).writeByte(value.length);
    }
    out.writeBytes(value);
  }

  private static byte[] u32(long v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** For tests and tools: every message {@link #announce} would send. */
  public List<UpdateMessage> announce(Family family, PathAttributes attributes, long[] prefixes) {
    List<UpdateMessage> out = new ArrayList<>();
    announce(family, attributes, prefixes, out::add);
    return out;
  }
}
