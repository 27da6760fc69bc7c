package io.outpost.dataplane.fib;

/**
 * The IPv4 forwarding table of the data plane: longest-prefix match from a destination address
 * to a next-hop id, for a full Internet table, with incremental updates. Owns its routes (as a
 * {@link PrefixStore}) and the lookup structure built from them (a {@link Poptrie}).
 *
 * <p>Next hops are ids in [1, 65535]; 0 means "no route". What an id stands for (a port, a
 * gateway, an ECMP group, a blackhole) is defined by whoever installs the routes. Addresses and
 * prefixes are big-endian ints: {@code 192.0.2.1} is {@code 0xC0000201}.
 *
 * <p>Threads. {@link #lookup} may be called from any number of threads at any time; it never
 * blocks, never allocates and sees each chunk of the table either before or after an update,
 * never in between. {@link #insert}, {@link #remove} and {@link #publish()} belong to one writer
 * thread at a time; changes are staged until {@link #publish()}, so batch them and publish once
 * per batch. Prefixes with host bits set are refused ({@code 10.0.0.1/8} is an {@link
 * IllegalArgumentException}, as in the configuration), not silently truncated.
 *
 * <p>Cost, measured in {@code benchmarks/README.md}: a lookup is one direct-array load and, for
 * chunks holding prefixes longer than /18, one 24-byte node per six bits after the 18th plus one
 * leaf load; a /24 resolves after one node.
 */
public final class Ipv4Fib {
  /** Bits resolved by the direct-pointing array: 2^18 entries, 1 MB. */
  static final int DIRECT_BITS = 18;

  private final Poptrie trie = new Poptrie(32, DIRECT_BITS);

  /** The next hop for a destination, or 0 when no route matches. */
  public int lookup(int address) {
    return lookup(trie.published, address);
  }

  /**
   * Looks up {@code count} destinations against one version of the table: {@code nextHops[i]}
   * gets the next hop of {@code addresses[i]} (0 when no route). Reads the published table once,
   * so a burst sees one consistent version of it. The two arrays must be distinct.
   *
   * <p>Faster than one {@link #lookup(int)} after another (about twice, see the benchmarks):
   * it works in stages over the burst, VPP-style — all direct entries, then all first-level
   * nodes, then all leaves — so each stage's loads are independent of each other and the CPU
   * overlaps their cache misses, where a lookup on its own is a chain of three dependent misses.
   * {@code nextHops} carries the state between stages (a direct entry, then a leaf index: a
   * direct entry's next hop h is leaf h, see {@link FibArrays}). The few lookups that go below
   * the first node finish in the second stage. 256 destinations (a {@code FrameBurst}) is
   * enough to keep the misses overlapped.
   */
  public void lookup(int[] addresses, int[] nextHops, int count) {
    if (addresses == nextHops) {
      throw new IllegalArgumentException("addresses and next hops must be distinct arrays");
    }
    FibArrays arrays = trie.published;
    int[] direct = arrays.direct;
    long[] nodes = arrays.nodes;
    char[] leaves = arrays.leaves;
    for (int i = 0; i < count; i++) {
      nextHops[i] = (int) FibArrays.DIRECT.getAcquire(direct, addresses[i] >>> (32 - DIRECT_BITS));
    }
    for (int i = 0; i < count; i++) {
      int entry = nextHops[i];
      if (entry < 0) {
        nextHops[i] = entry & 0xFFFF;
        continue;
      }
      int at = 3 * entry;
      long vector = nodes[at];
      int slotShift = (int) (~addresses[i] >>> (26 - DIRECT_BITS)) & 63;
      long upToSlot = vector << slotShift;
      nextHops[i] =
          upToSlot >= 0
              ? (int) nodes[at + 2] + Long.bitCount(nodes[at + 1] << slotShift) - 1
              : leafBelow(nodes, (int) (nodes[at + 2] >>> 32) + Long.bitCount(upToSlot) - 1,
                  addresses[i], 52 - DIRECT_BITS);
    }
    for (int i = 0; i < count; i++) {
      nextHops[i] = leaves[nextHops[i]];
    }
  }

  /**
   * The lookup proper, Poptrie's: the direct entry of the top 18 bits is either the answer or a
   * chunk root; then each node's {@code vector} says whether the 6-bit slot goes down a level
   * and popcount finds the child or the leaf. {@code slotShift} is the shift bringing the slot's
   * bits to the top of the long, so that one shift both tests the slot's bit (the sign) and
   * keeps exactly the bits at or below it for the popcount.
   */
  static int lookup(FibArrays arrays, int address) {
    int entry = (int) FibArrays.DIRECT.getAcquire(arrays.direct, address >>> (32 - DIRECT_BITS));
    if (entry < 0) {
      return entry & 0xFFFF;
    }
    return arrays.leaves[leafBelow(arrays.nodes, entry, address, 58 - DIRECT_BITS)];
  }

  /**
   * The leaf index for an address from a node down; {@code shift} brings the node's six bits of
   * the left-aligned key to the bottom of a long ({@code 58 - offset}).
   */
  private static int leafBelow(long[] nodes, int node, int address, int shift) {
    // The key left-aligned and inverted: six bits of ~key read as 63 - slot.
    long inverted = ~((long) address << 32);
    while (true) {
      int at = 3 * node;
      long vector = nodes[at];
      int slotShift = (int) (inverted >>> shift) & 63;
      long upToSlot = vector << slotShift;
      if (upToSlot >= 0) {
        return (int) nodes[at + 2] + Long.bitCount(nodes[at + 1] << slotShift) - 1;
      }
      node = (int) (nodes[at + 2] >>> 32) + Long.bitCount(upToSlot) - 1;
      shift -= 6;
    }
  }

  /**
   * Adds a route, or changes its next hop; staged until {@link #publish()}.
   *
   * @return the next hop the route had before, or 0 when it is new
   * @throws IllegalArgumentException when the length is not 0..32, the prefix has bits set past
   *     the length, or the next hop is not 1..65535
   */
  public int insert(int prefix, int length, int nextHop) {
    checkPrefix(prefix, length);
    if (nextHop < 1 || nextHop > 0xFFFF) {
      throw new IllegalArgumentException("next hop must be 1..65535: " + nextHop);
    }
    return trie.insert((long) prefix << 32, 0, length, nextHop);
  }

  /**
   * Removes a route; staged until {@link #publish()}.
   *
   * @return the next hop the route had, or 0 when there was no such route
   */
  public int remove(int prefix, int length) {
    checkPrefix(prefix, length);
    return trie.remove((long) prefix << 32, 0, length);
  }

  /** The next hop of exactly this route as staged (published or not), or 0. */
  public int route(int prefix, int length) {
    checkPrefix(prefix, length);
    return trie.get((long) prefix << 32, 0, length);
  }

  /** Visits one IPv4 route. */
  public interface RouteVisitor {
    void route(int prefix, int length, int nextHop);
  }

  /** Visits every route as staged (published or not): the writer's thread only. */
  public void forEach(RouteVisitor visitor) {
    trie.forEach((hi, lo, length, nextHop) -> visitor.route((int) (hi >>> 32), length, nextHop));
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

  private static void checkPrefix(int prefix, int length) {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("prefix length must be 0..32: " + length);
    }
    int host = length == 32 ? 0 : -1 >>> length;
    if ((prefix & host) != 0) {
      throw new IllegalArgumentException("host bits set in " + text(prefix, length));
    }
  }

  /** {@code a.b.c.d/len}, for messages. */
  static String text(int prefix, int length) {
    return (prefix >>> 24) + "." + (prefix >>> 16 & 0xFF) + "." + (prefix >>> 8 & 0xFF) + "."
        + (prefix & 0xFF) + "/" + length;
  }
}
