package io.outpost.dataplane.fib;

/**
 * The IPv6 forwarding table of the data plane: longest-prefix match from a destination address
 * to a next-hop id, with incremental updates; the same structure and contract as {@link
 * Ipv4Fib} for 128-bit keys. Owns its routes and the lookup structure built from them.
 *
 * <p>An address is two longs, big-endian: {@code hi} holds bytes 0..7 and {@code lo} bytes
 * 8..15, so {@code 2001:db8::1} is {@code hi = 0x20010db800000000L, lo = 1}. Next hops are ids
 * in [1, 65535], 0 is "no route"; prefixes with host bits set are refused with {@link
 * IllegalArgumentException}. Same threading as {@link Ipv4Fib}: lookups from any thread, never
 * blocking; mutators and {@link #publish()} from one writer thread at a time.
 *
 * <p>The direct-pointing array covers 16 bits (64K entries, 256 KB): IPv6 routes live in a few
 * hundred /16s of 2000::/3, so more direct bits would mostly be empty, and 16 = 64 - 6 * 8 keeps
 * every 6-bit stride inside one of the two longs. A /48 takes six nodes after the direct entry.
 */
public final class Ipv6Fib {
  /** Bits resolved by the direct-pointing array. */
  static final int DIRECT_BITS = 16;

  private final Poptrie trie = new Poptrie(128, DIRECT_BITS);

  /** The next hop for a destination, or 0 when no route matches. */
  public int lookup(long hi, long lo) {
    return lookup(trie.published, hi, lo);
  }

  /**
   * Looks up {@code count} destinations against one version of the table. {@code addresses}
   * holds them as pairs: destination i is {@code addresses[2i]} (hi), {@code addresses[2i+1]}
   * (lo); {@code nextHops[i]} gets its next hop, 0 when no route.
   *
   * <p>Level by level over the whole burst, as {@link Ipv4Fib#lookup(int[], int[], int)} does
   * in stages: every lookup still going down takes one step per pass, so a pass's node loads
   * are independent and their cache misses overlap. Between passes {@code nextHops[i]} holds the
   * node a lookup is at, or the complement of its leaf index once it has one.
   */
  public void lookup(long[] addresses, int[] nextHops, int count) {
    FibArrays arrays = trie.published;
    int[] direct = arrays.direct;
    long[] nodes = arrays.nodes;
    char[] leaves = arrays.leaves;
    boolean descending = false;
    for (int i = 0; i < count; i++) {
      int chunk = (int) (addresses[2 * i] >>> (64 - DIRECT_BITS));
      int entry = (int) FibArrays.DIRECT.getAcquire(direct, chunk);
      nextHops[i] = entry < 0 ? ~(entry & 0xFFFF) : entry;
      descending |= entry >= 0;
    }
    int shift = 58 - DIRECT_BITS;
    int word = 0; // 0: the pass reads hi, 1: lo
    while (descending) {
      descending = false;
      for (int i = 0; i < count; i++) {
        int node = nextHops[i];
        if (node < 0) {
          continue;
        }
        int at = 3 * node;
        long vector = nodes[at];
        int slotShift = (int) Long.rotateRight(~addresses[2 * i + word], shift) & 63;
        long upToSlot = vector << slotShift;
        if (upToSlot < 0) {
          nextHops[i] = (int) (nodes[at + 2] >>> 32) + Long.bitCount(upToSlot) - 1;
          descending = true;
        } else {
          nextHops[i] = ~((int) nodes[at + 2] + Long.bitCount(nodes[at + 1] << slotShift) - 1);
        }
      }
      shift -= 6;
      if (shift == -6) {
        word = 1;
        shift = 58;
      }
    }
    for (int i = 0; i < count; i++) {
      nextHops[i] = leaves[~nextHops[i]];
    }
  }

  /**
   * Poptrie's lookup as in {@link Ipv4Fib#lookup(FibArrays, int)}, walking {@code hi} from bit
   * 16 in eight strides (the last one is bits 58..63), then {@code lo}. The last stride of
   * {@code lo} (bits 124..127) reads two bits past the key by rotation; that is harmless, the
   * builder paints the four slots differing only in those bits alike.
   */
  static int lookup(FibArrays arrays, long hi, long lo) {
    int entry = (int) FibArrays.DIRECT.getAcquire(arrays.direct, (int) (hi >>> (64 - DIRECT_BITS)));
    if (entry < 0) {
      return entry & 0xFFFF;
    }
    long[] nodes = arrays.nodes;
    long inverted = ~hi;
    int shift = 58 - DIRECT_BITS;
    int node = entry;
    while (true) {
      int at = 3 * node;
      long vector = nodes[at];
      int slotShift = (int) Long.rotateRight(inverted, shift) & 63;
      long upToSlot = vector << slotShift;
      if (upToSlot >= 0) {
        long leafvec = nodes[at + 1];
        int base0 = (int) nodes[at + 2];
        return arrays.leaves[base0 + Long.bitCount(leafvec << slotShift) - 1];
      }
      node = (int) (nodes[at + 2] >>> 32) + Long.bitCount(upToSlot) - 1;
      shift -= 6;
      if (shift == -6) { // past bit 63: continue in lo
        inverted = ~lo;
        shift = 58;
      }
    }
  }

  /**
   * Adds a route, or changes its next hop; staged until {@link #publish()}.
   *
   * @return the next hop the route had before, or 0 when it is new
   * @throws IllegalArgumentException when the length is not 0..128, the prefix has bits set past
   *     the length, or the next hop is not 1..65535
   */
  public int insert(long hi, long lo, int length, int nextHop) {
    checkPrefix(hi, lo, length);
    if (nextHop < 1 || nextHop > 0xFFFF) {
      throw new IllegalArgumentException("next hop must be 1..65535: " + nextHop);
    }
    return trie.insert(hi, lo, length, nextHop);
  }

  /**
   * Removes a route; staged until {@link #publish()}.
   *
   * @return the next hop the route had, or 0 when there was no such route
   */
  public int remove(long hi, long lo, int length) {
    checkPrefix(hi, lo, length);
    return trie.remove(hi, lo, length);
  }

  /** The next hop of exactly this route as staged (published or not), or 0. */
  public int route(long hi, long lo, int length) {
    checkPrefix(hi, lo, length);
    return trie.get(hi, lo, length);
  }

  /** Visits one IPv6 route. */
  public interface RouteVisitor {
    void route(long hi, long lo, int length, int nextHop);
  }

  /** Visits every route as staged (published or not): the writer's thread only. */
  public void forEach(RouteVisitor visitor) {
    trie.forEach(visitor::route);
  }

  /** Makes every change since the last publish visible to lookups. */
  public void publish() {
    trie.publish();
  }

  /** Number of routes, staged changes included. */
  public int size() {
    return trie.size();
  }

  /** Bytes of the lookup structure readers use (its arrays), headroom and garbage included. */
  public long memoryBytes() {
    return trie.memoryBytes();
  }

  /** The part of {@link #memoryBytes()} that old versions of updated chunks hold. */
  public long garbageBytes() {
    return trie.garbageBytes();
  }

  private static void checkPrefix(long hi, long lo, int length) {
    if (length < 0 || length > 128) {
      throw new IllegalArgumentException("prefix length must be 0..128: " + length);
    }
    long hostHi = length >= 64 ? 0 : -1L >>> length;
    long hostLo = length <= 64 ? -1L : length == 128 ? 0 : -1L >>> (length - 64);
    if ((hi & hostHi) != 0 || (lo & hostLo) != 0) {
      throw new IllegalArgumentException("host bits set in " + text(hi, lo, length));
    }
  }

  /** Eight hex groups and the length (not RFC 5952's short form), for messages. */
  static String text(long hi, long lo, int length) {
    StringBuilder s = new StringBuilder(48);
    for (int group = 0; group < 8; group++) {
      long half = group < 4 ? hi : lo;
      s.append(Long.toHexString(half >>> (48 - 16 * (group & 3)) & 0xFFFF));
      s.append(group < 7 ? ':' : '/');
    }
    return s.append(length).toString();
  }
}
