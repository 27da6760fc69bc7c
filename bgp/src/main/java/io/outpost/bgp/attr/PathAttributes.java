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

  private final int origin;
  private final int[] asPath;
  private final byte[] nextHop;
  private final long med;
  private final long localPref;
  private final boolean atomicAggregate;
  private final long aggregatorAs;
  private final int aggregatorAddress;
  private final int[] communities;
  private final long[] extendedCommunities;
  private final int[] largeCommunities;
  private final long originatorId;
  private final int[] clusterList;
  private final byte[] unknownTransitive;
  private final int hash;
  int references;

  private PathAttributes(Builder b) {
    origin = b.origin;
    asPath = b.asPath;
    nextHop = b.nextHop;
    med = b.med;
    localPref = b.localPref;
    atomicAggregate = b.atomicAggregate;
    aggregatorAs = b.aggregatorAs;
    aggregatorAddress = b.aggregatorAddress;
    communities = b.communities;
    extendedCommunities = b.extendedCommunities;
    largeCommunities = b.largeCommunities;
    originatorId = b.originatorId;
    clusterList = b.clusterList;
    unknownTransitive = b.unknownTransitive;
    int h = origin;
    h = 31 * h + Arrays.hashCode(asPath);
    h = 31 * h + Arrays.hashCode(nextHop);
    h = 31 * h + Long.hashCode(med);
    h = 31 * h + Long.hashCode(localPref);
    h = 31 * h + Arrays.hashCode(communities);
    h = 31 * h + Arrays.hashCode(extendedCommunities);
    h = 31 * h + Arrays.hashCode(largeCommunities);
    h = 31 * h + Arrays.hashCode(unknownTransitive);
    h = 31 * h + Long.hashCode(originatorId) + Arrays.hashCode(clusterList);
    hash = 31 * h + (atomicAggregate ? 1 : 0) + Long.hashCode(aggregatorAs) + aggregatorAddress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these attributes (for policy actions and export rewriting). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.origin = origin;
    b.asPath = asPath;
    b.nextHop = nextHop;
    b.med = med;
    b.localPref = localPref;
    b.atomicAggregate = atomicAggregate;
    b.aggregatorAs = aggregatorAs;
    b.aggregatorAddress = aggregatorAddress;
    b.communities = communities;
    b.extendedCommunities = extendedCommunities;
    b.largeCommunities = largeCommunities;
    b.originatorId = originatorId;
    b.clusterList = clusterList;
    b.unknownTransitive = unknownTransitive;
    return b;
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

  public long med() {
    return med;
  }

  public long localPref() {
    return localPref;
  }

  public boolean atomicAggregate() {
    return atomicAggregate;
  }

  /** The AGGREGATOR's AS, -1 when there is none. */
  public long aggregatorAs() {
    return aggregatorAs;
  }

  public int aggregatorAddress() {
    return aggregatorAddress;
  }

  /** COMMUNITIES (RFC 1997), each an unsigned 32-bit value; do not modify. */
  public int[] communities() {
    return communities;
  }

  /** EXTENDED COMMUNITIES (RFC 4360), eight octets each; do not modify. */
  public long[] extendedCommunities() {
    return extendedCommunities;
  }

  /** LARGE_COMMUNITY (RFC 8092), three ints per community; do not modify. */
  public int[] largeCommunities() {
    return largeCommunities;
  }

  /** ORIGINATOR_ID (RFC 4456), -1 when there is none. */
  public long originatorId() {
    return originatorId;
  }

  public int[] clusterList() {
    return clusterList;
  }

  /** Unknown optional transitive attributes, encoded, partial bit set; do not modify. */
  public byte[] unknownTransitive() {
    return unknownTransitive;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathAttributes p && hash == p.hash && origin == p.origin
        && med == p.med && localPref == p.localPref && atomicAggregate == p.atomicAggregate
        && aggregatorAs == p.aggregatorAs && aggregatorAddress == p.aggregatorAddress
        && originatorId == p.originatorId && Arrays.equals(asPath, p.asPath)
        && Arrays.equals(nextHop, p.nextHop) && Arrays.equals(communities, p.communities)
        && Arrays.equals(extendedCommunities, p.extendedCommunities)
        && Arrays.equals(largeCommunities, p.largeCommunities)
        && Arrays.equals(clusterList, p.clusterList)
        && Arrays.equals(unknownTransitive, p.unknownTransitive);
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
    if (med >= 0) {
      s.append(", med ").append(med);
    }
    if (localPref >= 0) {
      s.append(", local-pref ").append(localPref);
    }
    if (communities.length > 0) {
      s.append(", communities ").append(Communities.format(communities));
    }
    if (largeCommunities.length > 0) {
      s.append(", large-communities ").append(Communities.formatLarge(largeCommunities));
    }
    if (extendedCommunities.length > 0) {
      s.append(", extended-communities ").append(extendedCommunities.length);
    }
    return s.toString();
  }

  /** Builds one {@link PathAttributes}; arrays passed in become the value's, not copied. */
  public static final class Builder {
    private int origin = ORIGIN_INCOMPLETE;
    private int[] asPath = AsPath.EMPTY;
    private byte[] nextHop = NONE;
    private long med = -1;
    private long localPref = -1;
    private boolean atomicAggregate;
    private long aggregatorAs = -1;
    private int aggregatorAddress;
    private int[] communities = AsPath.EMPTY;
    private long[] extendedCommunities = NO_EXTENDED_COMMUNITIES;
    private int[] largeCommunities = AsPath.EMPTY;
    private long originatorId = -1;
    private int[] clusterList = AsPath.EMPTY;
    private byte[] unknownTransitive = NONE;

    private Builder() {}

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
