package io.outpost.bgp.attr;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The path attributes of a route (RFC 4271 section 5 and the RFCs that add to it), one
 * immutable value shared by every prefix that carries the same set: the RIBs hold interned
 * instances ({@link AttributeInterner}), so a full table of a million prefixes with a few
 * hundred thousand distinct sets holds each set once.
 *
 * <p>Absent numeric attributes are -1; absent lists are empty arrays. The next hop is kept here
 * too (4 octets for IPv4, 16 or 32 for IPv6 with a link-local), because two routes whose next
 * hops differ are different paths. Attributes Outpost does not know that are optional and
 * transitive are kept as their encoded octets, partial bit set, to be passed on unchanged
 * (RFC 4271 section 5); unknown non-transitive ones are dropped on receipt.
 *
 * <p>The reference count is the RIB's, which touches it from one thread only.
 */
public final class PathAttributes {
  public static final int ORIGIN_IGP = 0;
  public static final int ORIGIN_EGP = 1;
  public static final int ORIGIN_INCOMPLETE = 2;
  private static final byte[] NONE = {};
  private static final long[] NO_EXTENDED_COMMUNITIES = {};

  private static final int HAS_MED = 1;
  private static final int HAS_LOCAL_PREF = 2;
  private static final int ATOMIC_AGGREGATE = 4;

  // The layout is the memory of a full table (a few hundred thousand sets): 56 octets a set
  // with the header, where a field per attribute took 96. MED and LOCAL_PREF are unsigned
  // 32-bit values with a bit in flags each for being there; the attributes few routes of an
  // Internet table carry are in one Rare object, null when a set has none of them.
  private final byte origin;
  private final byte flags;
  private final int med;
  private final int localPref;
  private final int[] asPath;
  private final byte[] nextHop;
  private final int[] communities;
  private final int[] largeCommunities;
  private final Rare rare;
  private final int hash;
  int references;

  /** AGGREGATOR, EXTENDED COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST and unknown attributes. */
  private static final class Rare {
    final long aggregatorAs;
    final int aggregatorAddress;
    final long[] extendedCommunities;
    final long originatorId;
    final int[] clusterList;
    final byte[] unknownTransitive;

    Rare(Builder b) {
      aggregatorAs = b.aggregatorAs;
      aggregatorAddress = b.aggregatorAddress;
      extendedCommunities = b.extendedCommunities;
      originatorId = b.originatorId;
      clusterList = b.clusterList;
      unknownTransitive = b.unknownTransitive;
    }

    /** Null when {@code b} has none of the rare attributes. */
    static Rare of(Builder b) {
      return b.aggregatorAs == -1 && b.aggregatorAddress == 0
          && b.extendedCommunities.length == 0 && b.originatorId == -1
          && b.clusterList.length == 0 && b.unknownTransitive.length == 0 ? null : new Rare(b);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Rare r && aggregatorAs == r.aggregatorAs
          && aggregatorAddress == r.aggregatorAddress && originatorId == r.originatorId
          && Arrays.equals(extendedCommunities, r.extendedCommunities)
          && Arrays.equals(clusterList, r.clusterList)
          && Arrays.equals(unknownTransitive, r.unknownTransitive);
    }

    @Override
    public int hashCode() {
      int h = Long.hashCode(aggregatorAs) + aggregatorAddress;
      h = 31 * h + Arrays.hashCode(extendedCommunities);
      h = 31 * h + Long.hashCode(originatorId) + Arrays.hashCode(clusterList);
      return 31 * h + Arrays.hashCode(unknownTransitive);
    }
  }

  private PathAttributes(Builder b) {
    if (b.origin < 0 || b.origin > ORIGIN_INCOMPLETE) {
      throw new IllegalArgumentException("ORIGIN " + b.origin);
    }
    origin = (byte) b.origin;
    flags = (byte) ((b.med >= 0 ? HAS_MED : 0) | (b.localPref >= 0 ? HAS_LOCAL_PREF : 0)
        | (b.atomicAggregate ? ATOMIC_AGGREGATE : 0));
    med = (int) unsigned32("MED", b.med);
    localPref = (int) unsigned32("LOCAL_PREF", b.localPref);
    asPath = b.asPath;
    nextHop = b.nextHop;
    communities = b.communities;
    largeCommunities = b.largeCommunities;
    rare = Rare.of(b);
    int h = origin;
    h = 31 * h + Arrays.hashCode(asPath);
    h = 31 * h + Arrays.hashCode(nextHop);
    h = 31 * h + med;
    h = 31 * h + localPref;
    h = 31 * h + flags;
    h = 31 * h + Arrays.hashCode(communities);
    h = 31 * h + Arrays.hashCode(largeCommunities);
    hash = 31 * h + (rare == null ? 0 : rare.hashCode());
  }

  /** An unsigned 32-bit attribute value, -1 meaning absent (kept as 0 with its flag clear). */
  private static long unsigned32(String name, long value) {
    if (value < -1 || value > 0xffff_ffffL) {
      throw new IllegalArgumentException(name + " " + value + " is not an unsigned 32-bit value");
    }
    return value < 0 ? 0 : value;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these attributes (for policy actions and export rewriting). */
  public Builder toBuilder() {
    return new Builder().from(this);
  }

  public int origin() {
    return origin;
  }

  /** The AS path in the flat form {@link AsPath} reads; do not modify. */
  public int[] asPath() {
    return asPath;
  }

  /** The next hop's octets (4, 16 or 32); do not modify. */
  public byte[] nextHop() {
    return nextHop;
  }

  /** The (first, global) next hop as an address. */
  public InetAddress nextHopAddress() {
    try {
      return InetAddress.getByAddress(Arrays.copyOf(nextHop, nextHop.length == 32 ? 16
          : nextHop.length));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("next hop of " + nextHop.length + " octets", e);
    }
  }

  /** MULTI_EXIT_DISC, -1 when there is none. */
  public long med() {
    return (flags & HAS_MED) != 0 ? Integer.toUnsignedLong(med) : -1;
  }

  /** LOCAL_PREF, -1 when there is none. */
  public long localPref() {
    return (flags & HAS_LOCAL_PREF) != 0 ? Integer.toUnsignedLong(localPref) : -1;
  }

  public boolean atomicAggregate() {
    return (flags & ATOMIC_AGGREGATE) != 0;
  }

  /** The AGGREGATOR's AS, -1 when there is none. */
  public long aggregatorAs() {
    return rare == null ? -1 : rare.aggregatorAs;
  }

  public int aggregatorAddress() {
    return rare == null ? 0 : rare.aggregatorAddress;
  }

  /** COMMUNITIES (RFC 1997), each an unsigned 32-bit value; do not modify. */
  public int[] communities() {
    return communities;
  }

  /** EXTENDED COMMUNITIES (RFC 4360), eight octets each; do not modify. */
  public long[] extendedCommunities() {
    return rare == null ? NO_EXTENDED_COMMUNITIES : rare.extendedCommunities;
  }

  /** LARGE_COMMUNITY (RFC 8092), three ints per community; do not modify. */
  public int[] largeCommunities() {
    return largeCommunities;
  }

  /** ORIGINATOR_ID (RFC 4456), -1 when there is none. */
  public long originatorId() {
    return rare == null ? -1 : rare.originatorId;
  }

  public int[] clusterList() {
    return rare == null ? AsPath.EMPTY : rare.clusterList;
  }

  /** Unknown optional transitive attributes, encoded, partial bit set; do not modify. */
  public byte[] unknownTransitive() {
    return rare == null ? NONE : rare.unknownTransitive;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathAttributes p && hash == p.hash && origin == p.origin
        && flags == p.flags && med == p.med && localPref == p.localPref
        && Arrays.equals(asPath, p.asPath) && Arrays.equals(nextHop, p.nextHop)
        && Arrays.equals(communities, p.communities)
        && Arrays.equals(largeCommunities, p.largeCommunities)
        && java.util.Objects.equals(rare, p.rare);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("origin ").append(switch (origin) {
      case ORIGIN_IGP -> "igp";
      case ORIGIN_EGP -> "egp";
      default -> "incomplete";
    });
    s.append(", as-path [").append(AsPath.toString(asPath)).append(']');
    if (nextHop.length > 0) {
      s.append(", next-hop ").append(nextHopAddress().getHostAddress());
    }
    if (med() >= 0) {
      s.append(", med ").append(med());
    }
    if (localPref() >= 0) {
      s.append(", local-pref ").append(localPref());
    }
    if (communities.length > 0) {
      s.append(", communities ").append(Communities.format(communities));
    }
    if (largeCommunities.length > 0) {
      s.append(", large-communities ").append(Communities.formatLarge(largeCommunities));
    }
    if (extendedCommunities().length > 0) {
      s.append(", extended-communities ").append(extendedCommunities().length);
    }
    return s.toString();
  }

  /** Builds one {@link PathAttributes}; arrays passed in become the value's, not copied. */
  public static final class Builder {
    private int origin;
    private int[] asPath;
    private byte[] nextHop;
    private long med;
    private long localPref;
    private boolean atomicAggregate;
    private long aggregatorAs;
    private int aggregatorAddress;
    private int[] communities;
    private long[] extendedCommunities;
    private int[] largeCommunities;
    private long originatorId;
    private int[] clusterList;
    private byte[] unknownTransitive;

    private Builder() {
      clear();
    }

    /**
     * Back to a new builder's values, the defaults of every attribute, for the next value (the
     * arrays of the last one stay that value's: they are replaced here, never written).
     */
    public Builder clear() {
      origin = ORIGIN_INCOMPLETE;
      asPath = AsPath.EMPTY;
      nextHop = NONE;
      med = -1;
      localPref = -1;
      atomicAggregate = false;
      aggregatorAs = -1;
      aggregatorAddress = 0;
      communities = AsPath.EMPTY;
      extendedCommunities = NO_EXTENDED_COMMUNITIES;
      largeCommunities = AsPath.EMPTY;
      originatorId = -1;
      clusterList = AsPath.EMPTY;
      unknownTransitive = NONE;
      return this;
    }

    /** Every attribute of {@code a}, for a builder kept to rewrite one set after another. */
    public Builder from(PathAttributes a) {
      origin = a.origin;
      asPath = a.asPath;
      nextHop = a.nextHop;
      med = a.med();
      localPref = a.localPref();
      atomicAggregate = a.atomicAggregate();
      aggregatorAs = a.aggregatorAs();
      aggregatorAddress = a.aggregatorAddress();
      communities = a.communities;
      extendedCommunities = a.extendedCommunities();
      largeCommunities = a.largeCommunities;
      originatorId = a.originatorId();
      clusterList = a.clusterList();
      unknownTransitive = a.unknownTransitive();
      return this;
    }

    public Builder origin(int origin) {
      this.origin = origin;
      return this;
    }

    public Builder asPath(int[] asPath) {
      this.asPath = asPath;
      return this;
    }

    public Builder nextHop(byte[] nextHop) {
      this.nextHop = nextHop;
      return this;
    }

    public Builder nextHop(InetAddress nextHop) {
      this.nextHop = nextHop.getAddress();
      return this;
    }

    public Builder med(long med) {
      this.med = med;
      return this;
    }

    public Builder localPref(long localPref) {
      this.localPref = localPref;
      return this;
    }

    public Builder atomicAggregate(boolean atomicAggregate) {
      this.atomicAggregate = atomicAggregate;
      return this;
    }

    public Builder aggregator(long as, int address) {
      this.aggregatorAs = as;
      this.aggregatorAddress = address;
      return this;
    }

    public Builder communities(int[] communities) {
      this.communities = communities;
      return this;
    }

    public Builder extendedCommunities(long[] extendedCommunities) {
      this.extendedCommunities = extendedCommunities;
      return this;
    }

    public Builder largeCommunities(int[] largeCommunities) {
      this.largeCommunities = largeCommunities;
      return this;
    }

    public Builder originatorId(long originatorId) {
      this.originatorId = originatorId;
      return this;
    }

    public Builder clusterList(int[] clusterList) {
      this.clusterList = clusterList;
      return this;
    }

    public Builder unknownTransitive(byte[] unknownTransitive) {
      this.unknownTransitive = unknownTransitive;
      return this;
    }

    public PathAttributes build() {
      return new PathAttributes(this);
    }
  }
}
