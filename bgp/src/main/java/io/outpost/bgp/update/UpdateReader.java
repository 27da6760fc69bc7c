package io.outpost.bgp.update;

import static io.outpost.bgp.update.AttributeType.*;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.Nlri;
import io.outpost.bgp.wire.OpenMessage;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.bgp.wire.UpdateMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an UPDATE's path attributes and prefixes into a {@link ReceivedUpdate}, with the error
 * handling of RFC 7606: what can be contained is contained, and only what cannot resets the
 * session.
 *
 * <ul>
 *   <li><b>Session reset</b> (a {@link BgpError} thrown): prefixes that do not parse (3/10), an
 *       MP_REACH_NLRI or MP_UNREACH_NLRI that is malformed, repeated or has wrong flags (3/9,
 *       3/1, 3/4: the prefixes cannot be located, section 5.3), an unrecognized well-known
 *       attribute (3/2), and an attribute list that runs past its length when no prefix field
 *       outside it could be withdrawn instead.
 *   <li><b>Treat-as-withdraw</b>: a malformed ORIGIN, AS_PATH, NEXT_HOP, MULTI_EXIT_DISC,
 *       LOCAL_PREF, COMMUNITIES, EXTENDED_COMMUNITIES, LARGE_COMMUNITY, ORIGINATOR_ID or
 *       CLUSTER_LIST; wrong Optional/Transitive flags on a known attribute; a missing mandatory
 *       attribute; an attribute list that runs past its length.
 *   <li><b>Attribute discard</b>: a malformed ATOMIC_AGGREGATE, AGGREGATOR, AS4_PATH or
 *       AS4_AGGREGATOR; LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST from an external peer;
 *       repeats of any other attribute (the first is kept).
 * </ul>
 *
 * <p>Unknown optional transitive attributes are kept with the partial bit set; unknown optional
 * non-transitive ones are dropped (RFC 4271 section 5). Without the four-octet AS capability,
 * AS4_PATH and AS4_AGGREGATOR are merged as RFC 6793 section 4.2.3 says, for paths that are
 * plain sequences; other shapes keep AS_PATH as it came.
 *
 * <p>One reader per session, used by one thread: it reads one message at a time, and keeps the
 * last next hop and its working state (the pass, the attribute builder, scratch arrays) between
 * messages, reset at the start of each.
 */
public final class UpdateReader {
  static final int MALFORMED_ATTRIBUTE_LIST = 1;
  static final int UNRECOGNIZED_WELL_KNOWN = 2;
  static final int ATTRIBUTE_FLAGS_ERROR = 4;
  static final int OPTIONAL_ATTRIBUTE_ERROR = 9;

  private final SessionOptions options;
  private final boolean external;
  /** The next hop read last ({@link #shared}); arrays of next hops are never written to. */
  private byte[] lastNextHop;
  /**
   * Which attribute types the message being read has had, a bit per type: one array for every
   * message, cleared at the start of each (a reader reads one message at a time).
   */
  private final long[] seen = new long[4];
  /** Where AS paths are parsed before they are copied out at their length. */
  private int[] asScratch = new int[64];
  /**
   * The state of reading a message, reset for each: a pass and its attribute builder per
   * message were some 65 MB of garbage for a full table.
   */
  private final Pass pass = new Pass();

  /**
   * @param external the peer is in another AS (LOCAL_PREF and route-reflection attributes from
   *     it are discarded)
   */
  public UpdateReader(SessionOptions options, boolean external) {
    this.options = options;
    this.external = external;
  }

  /**
   * The octets {@code a[from .. from + length)} as a next hop: the array the last UPDATE's next
   * hop was read into when they are the same octets. A peer sends most of its table through one
   * next hop, and the attribute sets that share the array spare the RIB an object each (a full
   * table holds a few hundred thousand sets; each object is one more for every collection).
   */
  private byte[] shared(byte[] a, int from, int length) {
    byte[] last = lastNextHop;
    if (last != null && Arrays.equals(a, from, from + length, last, 0, last.length)) {
      return last;
    }
    return lastNextHop = Arrays.copyOfRange(a, from, from + length);
  }

  /**
   * What a reader tells of one UPDATE, in this order: the End-of-RIB marker it is, the prefixes
   * it withdraws (those it announced too, when RFC 7606 says treat-as-withdraw), the prefixes it
   * announces. Prefixes are in {@link Nlri}'s three-longs form, the first {@code count} of the
   * array; the arrays are the reader's and valid only during the call.
   */
  public interface Handler {
    void endOfRib(Family family);

    void withdrawn(Family family, long[] prefixes, int count);

    void announced(Family family, PathAttributes attributes, long[] prefixes, int count);
  }

  /**
   * Reads {@code update} and tells {@code handler} what it says, or throws the error that
   * resets the session (before telling anything).
   *
   * @return what was contained (treated as withdraw, discarded), for the log; empty in almost
   *     every message
   */
  public List<String> read(UpdateMessage update, Handler handler) throws BgpError {
    return pass.reset(update).run(handler);
  }

  /** The routes {@code update} announces and withdraws, or the error that resets the session. */
  public ReceivedUpdate read(UpdateMessage update) throws BgpError {
    List<ReceivedUpdate.Announced> announced = new ArrayList<>();
    List<ReceivedUpdate.Withdrawn> withdrawn = new ArrayList<>();
    Family[] endOfRib = {null};
    List<String> problems = read(update, new Handler() {
      @Override
      public void endOfRib(Family family) {
        endOfRib[0] = family;
      }

      @Override
      public void withdrawn(Family family, long[] prefixes, int count) {
        withdrawn.add(new ReceivedUpdate.Withdrawn(family,
            Arrays.copyOf(prefixes, Nlri.STRIDE * count)));
      }

      @Override
      public void announced(Family family, PathAttributes attributes, long[] prefixes,
          int count) {
        announced.add(new ReceivedUpdate.Announced(family, attributes,
            Arrays.copyOf(prefixes, Nlri.STRIDE * count)));
      }
    });
    return new ReceivedUpdate(announced, withdrawn, endOfRib[0], pass.withdraw, problems);
  }

  /** The state of reading one message; {@link #reset} before each. */
  private final class Pass {
    private UpdateMessage update;
    /** The message's body, and where its attributes start and end in it. */
    private byte[] a;
    private int begin;
    private int end;
    /** What was contained (treated as withdraw, discarded); none in almost every message. */
    private List<String> problems;
    private final PathAttributes.Builder attributes = PathAttributes.builder();
    private boolean withdraw;
    private int[] asPath;
    private int[] as4Path;
    private long aggregatorAs;
    private long as4AggregatorAs;
    private int as4AggregatorAddress;
    private byte[] nextHop;
    private Family reachFamily;
    private byte[] reachNextHop;
    private final Prefixes reach = new Prefixes();
    private Family unreachFamily;
    private final Prefixes unreach = new Prefixes();
    private final Prefixes nlri = new Prefixes();
    private final Prefixes withdrawnIpv4 = new Prefixes();
    private ByteArrayOutputStream unknown;

    /** Forgets the last message, every field of it, and takes {@code next}. */
    Pass reset(UpdateMessage next) {
      update = next;
      a = next.body();
      begin = next.attributesAt();
      end = begin + next.attributesLength();
      problems = List.of();
      attributes.clear();
      withdraw = false;
      asPath = null;
      as4Path = null;
      aggregatorAs = -1;
      as4AggregatorAs = -1;
      as4AggregatorAddress = 0;
      nextHop = null;
      reachFamily = null;
      reachNextHop = null;
      reach.count = 0;
      unreachFamily = null;
      unreach.count = 0;
      unknown = null;
      Arrays.fill(seen, 0);
      return this;
    }

    private void problem(String what) {
      if (problems.isEmpty()) {
        problems = new ArrayList<>(2);
      }
      problems.add(what);
    }

    List<String> run(Handler handler) throws BgpError {
      boolean ipv4Nlri = update.nlriLength() > 0;
      int at = begin;
      while (at < end) {
        int flags = a[at] & 0xff;
        int header = (flags & EXTENDED_LENGTH) != 0 ? 4 : 3;
        int length = end - at < header ? -1 : header == 4
            ? (a[at + 2] & 0xff) << 8 | (a[at + 3] & 0xff) : a[at + 2] & 0xff;
        if (length < 0 || at + header + length > end) {
          if (!ipv4Nlri && update.withdrawnLength() == 0 && reachFamily == null
              && unreachFamily == null) {
            throw error(MALFORMED_ATTRIBUTE_LIST, new byte[0], "an attribute runs past the"
                + " attribute list, and no prefixes outside it can be withdrawn instead");
          }
          malformed("an attribute runs past the attribute list");
          break;
        }
        attribute(flags, a[at + 1] & 0xff, at, header, length);
        at += header + length;
      }
      boolean addPath4 = options.addPathReceive().contains(Family.IPV4_UNICAST);
      nlri.decode(a, update.nlriAt(), update.nlriLength(), Family.IPV4_UNICAST, addPath4);
      withdrawnIpv4.decode(a, update.withdrawnAt(), update.withdrawnLength(),
          Family.IPV4_UNICAST, addPath4);
      if (nlri.count > 0 || reachFamily != null) {
        mandatory(ORIGIN);
        mandatory(AS_PATH);
        if (nlri.count > 0) {
          mandatory(NEXT_HOP);
        }
      }
      tell(handler);
      return problems;
    }

    /** Tells {@code handler} what the message said, once it has all been read. */
    private void tell(Handler handler) {
      mergeAs4();
      attributes.asPath(asPath == null ? AsPath.EMPTY : asPath);
      if (unknown != null) {
        attributes.unknownTransitive(unknown.toByteArray());
      }
      if (update.isIpv4EndOfRib()) {
        handler.endOfRib(Family.IPV4_UNICAST);
      } else if (nlri.count == 0 && withdrawnIpv4.count == 0 && unreachFamily != null
          && unreach.count == 0 && end - begin == 6) {
        handler.endOfRib(unreachFamily);
      }
      if (withdrawnIpv4.count > 0) {
        handler.withdrawn(Family.IPV4_UNICAST, withdrawnIpv4.keys, withdrawnIpv4.count);
      }
      if (unreach.count > 0) {
        handler.withdrawn(unreachFamily, unreach.keys, unreach.count);
      }
      if (withdraw) {
        if (nlri.count > 0) {
          handler.withdrawn(Family.IPV4_UNICAST, nlri.keys, nlri.count);
        }
        if (reach.count > 0) {
          handler.withdrawn(reachFamily, reach.keys, reach.count);
        }
        return;
      }
      if (nlri.count > 0) {
        handler.announced(Family.IPV4_UNICAST, attributes.nextHop(nextHop).build(), nlri.keys,
            nlri.count);
      }
      if (reach.count > 0) {
        handler.announced(reachFamily, attributes.nextHop(reachNextHop).build(), reach.keys,
            reach.count);
      }
    }

    private void attribute(int flags, int type, int at, int header, int length)
        throws BgpError {
      int v = at + header;
      if ((seen[type >>> 6] & (1L << type)) != 0) {
        if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
          throw error(MALFORMED_ATTRIBUTE_LIST, new byte[0], name(type) + " appears twice");
        }
        problem(name(type) + " repeated: the repeat discarded");
        return;
      }
      seen[type >>> 6] |= 1L << type;
      int required = requiredFlags(type);
      if (required >= 0 && (flags & (OPTIONAL | TRANSITIVE)) != required) {
        if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
          throw error(ATTRIBUTE_FLAGS_ERROR, Arrays.copyOfRange(a, at, v + length),
              name(type) + " with flags 0x" + Integer.toHexString(flags));
        }
        malformed(name(type) + " with flags 0x" + Integer.toHexString(flags));
        return;
      }
      switch (type) {
        case ORIGIN -> {
          if (length != 1 || (a[v] & 0xff) > 2) {
            malformed("ORIGIN of " + length + " octets or value over 2");
          } else {
            attributes.origin(a[v]);
          }
        }
        case AS_PATH -> {
          asPath = asPath(v, length, options.fourOctetAs() ? 4 : 2);
          if (asPath == null) {
            malformed("AS_PATH segments do not parse");
          }
        }
        case NEXT_HOP -> {
          if (length != 4) {
            malformed("NEXT_HOP of " + length + " octets");
          } else {
            nextHop = shared(a, v, 4);
          }
        }
        case MULTI_EXIT_DISC -> {
          if (length != 4) {
            malformed("MULTI_EXIT_DISC of " + length + " octets");
          } else {
            attributes.med(u32(v));
          }
        }
        case LOCAL_PREF -> {
          if (external) {
            return; // RFC 4271 5.1.5: ignored from an external peer
          }
          if (length != 4) {
            malformed("LOCAL_PREF of " + length + " octets");
          } else {
            attributes.localPref(u32(v));
          }
        }
        case ATOMIC_AGGREGATE -> {
          if (length != 0) {
            problem("ATOMIC_AGGREGATE of " + length + " octets: discarded");
          } else {
            attributes.atomicAggregate(true);
          }
        }
        case AGGREGATOR -> {
          int asWidth = options.fourOctetAs() ? 4 : 2;
          if (length != asWidth + 4) {
            problem("AGGREGATOR of " + length + " octets: discarded");
          } else {
            aggregatorAs = asWidth == 4 ? u32(v) : u16(v);
            attributes.aggregator(aggregatorAs, (int) u32(v + asWidth));
          }
        }
        case COMMUNITIES -> {
          if (length == 0 || length % 4 != 0) {
            malformed("COMMUNITIES of " + length + " octets");
          } else {
            int[] c = new int[length / 4];
            for (int i = 0; i < c.length; i++) {
              c[i] = (int) u32(v + 4 * i);
            }
            attributes.communities(c);
          }
        }
        case ORIGINATOR_ID -> {
          if (external) {
            return;
          }
          if (length != 4) {
            malformed("ORIGINATOR_ID of " + length + " octets");
          } else {
            attributes.originatorId(u32(v));
          }
        }
        case CLUSTER_LIST -> {
          if (external) {
            return;
          }
          if (length == 0 || length % 4 != 0) {
            malformed("CLUSTER_LIST of " + length + " octets");
          } else {
            int[] c = new int[length / 4];
            for (int i = 0; i < c.length; i++) {
              c[i] = (int) u32(v + 4 * i);
            }
            attributes.clusterList(c);
          }
        }
        case MP_REACH_NLRI -> mpReach(at, v, length);
        case MP_UNREACH_NLRI -> mpUnreach(at, v, length);
        case EXTENDED_COMMUNITIES -> {
          if (length == 0 || length % 8 != 0) {
            malformed("EXTENDED_COMMUNITIES of " + length + " octets");
          } else {
            long[] c = new long[length / 8];
            for (int i = 0; i < c.length; i++) {
              c[i] = u32(v + 8 * i) << 32 | u32(v + 8 * i + 4);
            }
            attributes.extendedCommunities(c);
          }
        }
        case AS4_PATH -> {
          if (!options.fourOctetAs()) {
            as4Path = asPath(v, length, 4);
            if (as4Path == null) {
              problem("AS4_PATH segments do not parse: discarded");
            }
          }
        }
        case AS4_AGGREGATOR -> {
          if (!options.fourOctetAs()) {
            if (length != 8) {
              problem("AS4_AGGREGATOR of " + length + " octets: discarded");
            } else {
              as4AggregatorAs = u32(v);
              as4AggregatorAddress = (int) u32(v + 4);
            }
          }
        }
        case LARGE_COMMUNITY -> {
          if (length == 0 || length % 12 != 0) {
            malformed("LARGE_COMMUNITY of " + length + " octets");
          } else {
            int[] c = new int[length / 4];
            for (int i = 0; i < c.length; i++) {
              c[i] = (int) u32(v + 4 * i);
            }
            attributes.largeCommunities(c);
          }
        }
        default -> unknownAttribute(flags, type, at, v + length);
      }
    }

    private void unknownAttribute(int flags, int type, int from, int to) throws BgpError {
      if ((flags & OPTIONAL) == 0) {
        throw error(UNRECOGNIZED_WELL_KNOWN, Arrays.copyOfRange(a, from, to),
            "unrecognized well-known attribute " + type);
      }
      if ((flags & TRANSITIVE) != 0) {
        if (unknown == null) {
          unknown = new ByteArrayOutputStream();
        }
        unknown.write(flags | PARTIAL);
        unknown.write(a, from + 1, to - from - 1);
      }
    }

    private void mpReach(int at, int v, int length) throws BgpError {
      int nextHopLength = length >= 5 ? a[v + 3] & 0xff : -1;
      if (nextHopLength < 0 || 5 + nextHopLength > length) {
        throw error(OPTIONAL_ATTRIBUTE_ERROR, Arrays.copyOfRange(a, at, v + length),
            "MP_REACH_NLRI of " + length + " octets cannot hold its next hop");
      }
      Family family = Family.of(u16(v), a[v + 2] & 0xff);
      if (family == null) {
        problem("MP_REACH_NLRI for AFI " + u16(v) + " SAFI " + (a[v + 2] & 0xff)
            + ", not negotiated: ignored");
        return;
      }
      boolean ok = family == Family.IPV4_UNICAST
          ? nextHopLength == 4 || nextHopLength == 16 || nextHopLength == 32
          : nextHopLength == 16 || nextHopLength == 32;
      if (!ok) {
        throw error(OPTIONAL_ATTRIBUTE_ERROR, Arrays.copyOfRange(a, at, v + length),
            "MP_REACH_NLRI for " + family + " with a next hop of " + nextHopLength
                + " octets");
      }
      reachFamily = family;
      reachNextHop = shared(a, v + 4, nextHopLength);
      int field = v + 5 + nextHopLength;
      reach.decode(a, field, v + length - field, family,
          options.addPathReceive().contains(family));
    }

    private void mpUnreach(int at, int v, int length) throws BgpError {
      if (length < 3) {
        throw error(OPTIONAL_ATTRIBUTE_ERROR, Arrays.copyOfRange(a, at, v + length),
            "MP_UNREACH_NLRI of " + length + " octets");
      }
      Family family = Family.of(u16(v), a[v + 2] & 0xff);
      if (family == null) {
        problem("MP_UNREACH_NLRI for AFI " + u16(v) + " SAFI " + (a[v + 2] & 0xff)
            + ", not negotiated: ignored");
        return;
      }
      unreachFamily = family;
      unreach.decode(a, v + 3, length - 3, family, options.addPathReceive().contains(family));
    }

    /** AS_PATH segments at {@code v}, or null when they do not parse (RFC 7606 7.2). */
    private int[] asPath(int v, int length, int width) {
      // A segment of k ASes is 2 + k * width octets and 2 + k ints: never more ints than
      // octets. (length / 2 + 2 was too few for several short segments; Jazzer found it.)
      // Parsed into the reader's scratch array; only the path's own copy is allocated.
      if (asScratch.length < length) {
        asScratch = new int[Math.max(length, 2 * asScratch.length)];
      }
      int[] out = asScratch;
      int n = 0;
      int at = v;
      int end = v + length;
      while (at < end) {
        if (end - at < 2) {
          return null;
        }
        int type = a[at] & 0xff;
        int count = a[at + 1] & 0xff;
        if (type < AsPath.AS_SET || type > AsPath.AS_CONFED_SET || count == 0
            || at + 2 + count * width > end) {
          return null;
        }
        out[n++] = type;
        out[n++] = count;
        for (int i = 0; i < count; i++) {
          int o = at + 2 + i * width;
          out[n++] = (int) (width == 4 ? u32(o) : u16(o));
        }
        at += 2 + count * width;
      }
      return Arrays.copyOf(out, n);
    }

    /** RFC 6793 4.2.3, for the common shape of one AS_SEQUENCE in each. */
    private void mergeAs4() {
      if (as4AggregatorAs >= 0 && aggregatorAs == OpenMessage.AS_TRANS) {
        attributes.aggregator(as4AggregatorAs, as4AggregatorAddress);
      }
      if (as4Path == null || asPath == null) {
        return;
      }
      boolean plain = asPath.length >= 2 && asPath[0] == AsPath.AS_SEQUENCE
          && asPath.length == 2 + asPath[1] && as4Path.length >= 2
          && as4Path[0] == AsPath.AS_SEQUENCE && as4Path.length == 2 + as4Path[1];
      if (!plain || as4Path[1] > asPath[1]) {
        if (plain) {
          problem("AS4_PATH longer than AS_PATH: ignored");
        }
        return;
      }
      int keep = asPath[1] - as4Path[1];
      int[] merged = Arrays.copyOf(asPath, asPath.length);
      System.arraycopy(as4Path, 2, merged, 2 + keep, as4Path[1]);
      asPath = merged;
    }

    private void mandatory(int type) {
      if ((seen[type >>> 6] & (1L << type)) == 0) {
        malformed("the mandatory " + name(type) + " is missing");
      }
    }

    private void malformed(String why) {
      withdraw = true;
      problem(why + ": treated as withdraw");
    }

    private long u32(int at) {
      return (a[at] & 0xffL) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8
          | (a[at + 3] & 0xff);
    }

    private int u16(int at) {
      return (a[at] & 0xff) << 8 | (a[at + 1] & 0xff);
    }
  }

  /** Prefixes read from one field, into an array kept from message to message. */
  private static final class Prefixes {
    long[] keys = new long[Nlri.STRIDE * 16];
    int count;

    void decode(byte[] field, int from, int length, Family family, boolean addPath)
        throws BgpError {
      count = 0;
      if (length > 0) {
        int most = Nlri.STRIDE * Nlri.countIn(field, from, from + length, addPath);
        if (keys.length < most) {
          keys = new long[Math.max(most, 2 * keys.length)];
        }
        count = Nlri.decode(field, from, length, family, addPath, keys);
      }
    }
  }

  private static BgpError error(int subcode, byte[] data, String why) {
    return new BgpError(BgpError.UPDATE_MESSAGE, subcode, data, why);
  }
}
