package io.outpost.bgp.policy;

import io.outpost.bgp.wire.Family;
import java.util.List;

/**
 * A prefix list as Cisco, FRR and Junos's route filters use it: ordered entries, each a prefix
 * and a range of lengths ({@code ge}/{@code le}) that permit or deny; the first entry that
 * matches decides, and a prefix no entry matches is denied.
 *
 * <p>An entry matches a route when the route's prefix lies inside the entry's prefix and its
 * length is in range: without ge or le only the exact length; with ge alone, ge up to the
 * family's maximum; with le alone, the entry's length up to le.
 */
public record PrefixList(String name, List<Entry> entries) {
  public PrefixList {
    entries = List.copyOf(entries);
  }

  /**
   * One entry.
   *
   * @param hi the first 64 bits of the prefix (an IPv4 prefix in the low 32 bits, as Nlri keeps it)
   * @param ge the least length that matches (the prefix's own length when not configured)
   * @param le the greatest length that matches
   */
  public record Entry(Family family, long hi, long lo, int length, int ge, int le,
      boolean permit) {
    public Entry {
      if (length < 0 || length > family.maxLength) {
        throw new IllegalArgumentException("prefix length " + length + " is not for " + family);
      }
      if (ge < length || le < ge || le > family.maxLength) {
        throw new IllegalArgumentException("need " + length + " <= ge (" + ge + ") <= le (" + le
            + ") <= " + family.maxLength);
      }
    }

    /**
     * An entry from the configured values, 0 meaning "not configured" for ge and le.
     */
    public static Entry of(Family family, long hi, long lo, int length, int ge, int le,
        boolean permit) {
      int from = ge > 0 ? ge : length;
      int to = le > 0 ? le : ge > 0 ? family.maxLength : length;
      return new Entry(family, hi, lo, length, from, to, permit);
    }

    boolean matches(Family f, long routeHi, long routeLo, int routeLength) {
      return f == family && routeLength >= ge && routeLength <= le
          && Bits.samePrefix(family, hi, lo, routeHi, routeLo, length);
    }
  }

  /** Whether the first matching entry permits the prefix (no match: denied). */
  public boolean permits(Family family, long hi, long lo, int length) {
    for (Entry e : entries) {
      if (e.matches(family, hi, lo, length)) {
        return e.permit;
      }
    }
    return false;
  }

  /** {@link #permits} in the shape of a {@link Condition}. */
  boolean permitsRoute(Family family, long hi, long lo, int length,
      io.outpost.bgp.attr.PathAttributes ignored) {
    return permits(family, hi, lo, length);
  }
}
