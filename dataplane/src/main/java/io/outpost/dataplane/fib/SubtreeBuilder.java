package io.outpost.dataplane.fib;

import java.util.Arrays;

/**
 * Writes chunk subtrees of the lookup structure from the {@link PrefixStore}: whole ones, or
 * new versions of existing ones that copy only the path to what changed. Owns the writer's
 * allocation state: the arrays being written ({@link #target}), their high-water marks, and the
 * count of garbage nodes and leaves that the compaction policy reads.
 *
 * <p>Everything is appended past the high-water marks, never written over space that a
 * published direct entry reaches, so readers keep walking the old subtree until the writer
 * switches the chunk's direct entry. A node's children are contiguous and so are its leaves
 * (that is what makes popcount indexing work), so changing anything under a node means a new
 * node, hence a new copy of the node's child block in its parent, up to the chunk root: a
 * rebuild copies that path and its sibling blocks (at most 64 nodes of 24 bytes per level) and
 * reuses by reference every subtree no change overlaps. Growing an array copies it into a new,
 * unpublished {@link FibArrays} ({@link #fresh}); the direct array is always copied then, since
 * entries pointing into the grown arrays must not reach readers of the old ones.
 *
 * <p>Keys are 128-bit, left-aligned; a node at bit offset {@code off} is indexed by key bits
 * {@code off .. off+5}, padded with zeros past the key's end. A route of length {@code len <=
 * off+6} paints {@code 2^(off+6-len)} slots of the node; a longer one makes its slot internal.
 */
final class SubtreeBuilder {
  /** Changes per chunk beyond which a chunk is rebuilt whole rather than path-copied. */
  static final int MAX_CHANGES = 16;

  private final PrefixStore store;
  private final int directBits;

  private final int[][] slotHops;
  private final int[][] childFrom;
  private final int[][] childTo;
  private final char[][] runHops;
  private final long[][] changes;

  FibArrays target;
  boolean fresh;
  int nodeTop;
  int leafTop;
  long deadNodes;
  long deadLeaves;

  SubtreeBuilder(PrefixStore store, int keyBits) {
    this.store = store;
    this.directBits = store.directBits;
    int levels = (keyBits - directBits + 5) / 6;
    this.slotHops = new int[levels][64];
    this.childFrom = new int[levels][64];
    this.childTo = new int[levels][64];
    this.runHops = new char[levels][64];
    this.changes = new long[levels][3 * MAX_CHANGES];
  }

  /** Starts a batch of rebuilds into the published arrays. */
  void begin(FibArrays published) {
    target = published;
    fresh = false;
  }

  /** Starts writing a whole new structure into new arrays of the given capacity. */
  void beginFresh(int nodeCapacity, int leafCapacity) {
    long[] nodes = new long[3 * Math.max(nodeCapacity, 16)];
    nodes[1] = 1; // the dummy node 0: no child, one leaf run at slot 0 -> leaf 0
    char[] leaves = new char[FibArrays.HOP_LEAVES + Math.max(leafCapacity, 16)];
    for (int hop = 0; hop < FibArrays.HOP_LEAVES; hop++) {
      leaves[hop] = (char) hop;
    }
    target = new FibArrays(new int[1 << directBits], nodes, leaves);
    fresh = true;
    nodeTop = 1;
    leafTop = FibArrays.HOP_LEAVES;
    deadNodes = 0;
    deadLeaves = 0;
  }

  long liveNodes() {
    return nodeTop - 1 - deadNodes;
  }

  long liveLeaves() {
    return leafTop - FibArrays.HOP_LEAVES - deadLeaves;
  }

  /** Where the caller puts a chunk's changes (hi, lo, length) before {@link #buildChunk}. */
  long[] chunkChanges() {
    return changes[0];
  }

  /**
   * Writes a new version of a chunk and returns its new direct entry; the caller stores it.
   *
   * @param whole rebuild from scratch (the chunk's inherited next hop changed, or too many
   *     changes); otherwise reuse what {@link #chunkChanges()}'s {@code changeCount} changes do
   *     not overlap
   */
  int buildChunk(int chunk, boolean whole, int changeCount) {
    int old = target.direct[chunk];
    int oldRoot = old > 0 ? old : 0; // 0: a leaf, or nothing yet in fresh arrays
    int count = store.count(chunk);
    int inherited = store.chunkDefault[chunk];
    if (count == 0) {
      if (oldRoot != 0) {
        deadNodes++;
        kill(oldRoot);
      }
      return FibArrays.LEAF | inherited;
    }
    long[] records = store.records(chunk);
    int root = allocateNodes(1);
    if (oldRoot == 0 || whole) {
      if (oldRoot != 0) {
        deadNodes++;
        kill(oldRoot);
      }
      build(root, directBits, records, 0, count, inherited, 0);
    } else {
      deadNodes++;
      rebuild(root, directBits, records, 0, count, inherited, 0, oldRoot, changeCount);
    }
    return root;
  }

  /**
   * Copies the live part of {@code from} into new arrays, leaving its garbage behind: every
   * chunk keeps its shape, nodes and leaves are only moved. Much cheaper than building again
   * from the store (no painting, no searching), so it is what compaction does.
   */
  void compact(FibArrays from) {
    long nodes = liveNodes();
    long leaves = liveLeaves();
    beginFresh((int) (nodes + nodes / 8 + 1024), (int) (leaves + leaves / 8 + 4096));
    int[] direct = from.direct;
    for (int chunk = 0; chunk < direct.length; chunk++) {
      int entry = direct[chunk];
      if (entry > 0) {
        int root = allocateNodes(1);
        copy(from, entry, root);
        entry = root;
      }
      target.direct[chunk] = entry;
    }
  }

  private void copy(FibArrays from, int node, int at) {
    long vector = from.nodes[3 * node];
    long leafvec = from.nodes[3 * node + 1];
    int oldBase0 = (int) from.nodes[3 * node + 2];
    int oldBase1 = (int) (from.nodes[3 * node + 2] >>> 32);
    int leafCount = Long.bitCount(leafvec);
    int base0 = allocateLeaves(leafCount);
    System.arraycopy(from.leaves, oldBase0, target.leaves, base0, leafCount);
    int children = Long.bitCount(vector);
    int base1 = children == 0 ? 0 : allocateNodes(children);
    writeNode(at, vector, leafvec, base0, base1);
    for (int k = 0; k < children; k++) {
      copy(from, oldBase1 + k, base1 + k);
    }
  }

  /** Copies the arrays down to what is used plus some headroom for updates; fresh arrays only. */
  void trim() {
    FibArrays t = target;
    int nodes = nodeTop + nodeTop / 8 + 1024;
    int leaves = leafTop + leafTop / 8 + 4096;
    if (t.nodeCapacity() > nodes || t.leaves.length > leaves) {
      target =
          new FibArrays(
              t.direct,
              Arrays.copyOf(t.nodes, 3 * Math.min(nodes, t.nodeCapacity())),
              Arrays.copyOf(t.leaves, Math.min(leaves, t.leaves.length)));
    }
  }

  private void build(
      int at, int off, long[] records, int from, int to, int inherited, int depth) {
    int[] hops = slotHops[depth];
    long vector = layout(depth, off, records, from, to, inherited);
    char[] runs = runHops[depth];
    long leafvec = runs(hops, vector, runs);
    int leafCount = Long.bitCount(leafvec);
    int base0 = allocateLeaves(leafCount);
    System.arraycopy(runs, 0, target.leaves, base0, leafCount);
    int base1 = vector == 0 ? 0 : allocateNodes(Long.bitCount(vector));
    writeNode(at, vector, leafvec, base0, base1);
    int child = base1;
    for (long v = vector; v != 0; v &= v - 1, child++) {
      int slot = Long.numberOfTrailingZeros(v);
      build(child, off + 6, records, childFrom[depth][slot], childTo[depth][slot], hops[slot],
          depth + 1);
    }
  }

  private void rebuild(
      int at,
      int off,
      long[] records,
      int from,
      int to,
      int inherited,
      int depth,
      int old,
      int changeCount) {
    int[] hops = slotHops[depth];
    long vector = layout(depth, off, records, from, to, inherited);
    char[] runs = runHops[depth];
    long leafvec = runs(hops, vector, runs);
    int leafCount = Long.bitCount(leafvec);

    long[] nodes = target.nodes;
    long oldVector = nodes[3 * old];
    long oldLeafvec = nodes[3 * old + 1];
    int oldBase0 = (int) nodes[3 * old + 2];
    int oldBase1 = (int) (nodes[3 * old + 2] >>> 32);
    long touched = touched(depth, changeCount, off);

    int base0;
    if (leafvec == oldLeafvec
        && Arrays.equals(target.leaves, oldBase0, oldBase0 + leafCount, runs, 0, leafCount)) {
      base0 = oldBase0;
    } else {
      base0 = allocateLeaves(leafCount);
      System.arraycopy(runs, 0, target.leaves, base0, leafCount);
      deadLeaves += Long.bitCount(oldLeafvec);
    }
    if (vector == oldVector && (vector & touched) == 0) {
      writeNode(at, vector, leafvec, base0, oldBase1); // same children, same place
      return;
    }
    int base1 = vector == 0 ? 0 : allocateNodes(Long.bitCount(vector));
    writeNode(at, vector, leafvec, base0, base1);
    deadNodes += Long.bitCount(oldVector);
    for (long gone = oldVector & ~vector; gone != 0; gone &= gone - 1) {
      int slot = Long.numberOfTrailingZeros(gone);
      kill(oldBase1 + Long.bitCount(oldVector & (2L << slot) - 1) - 1);
    }
    int child = base1;
    for (long v = vector; v != 0; v &= v - 1, child++) {
      int slot = Long.numberOfTrailingZeros(v);
      int groupFrom = childFrom[depth][slot];
      int groupTo = childTo[depth][slot];
      if ((oldVector >>> slot & 1) == 0) {
        build(child, off + 6, records, groupFrom, groupTo, hops[slot], depth + 1);
      } else {
        int oldChild = oldBase1 + Long.bitCount(oldVector & (2L << slot) - 1) - 1;
        if ((touched >>> slot & 1) == 0) {
          long[] n = target.nodes;
          System.arraycopy(n, 3 * oldChild, n, 3 * child, 3);
        } else {
          int childChanges = changesInSlot(depth, changeCount, off, slot);
          rebuild(child, off + 6, records, groupFrom, groupTo, hops[slot], depth + 1, oldChild,
              childChanges);
        }
      }
    }
  }

  /**
   * Lays out one node from the routes in its region ({@code records[from, to)}, all longer than
   * {@code off}): fills the depth's slot hops (each slot's longest covering route, or {@code
   * inherited}) and, for each internal slot, the range of routes its child gets; returns the
   * vector of internal slots.
   *
   * <p>Routes are in pre-order, so painting them in order leaves each slot with its longest
   * match. Small regions are scanned; in large ones (an IPv6 /16 holds tens of thousands of
   * routes) each slot's range is found by binary search, so rebuilding a path costs 64
   * searches per level instead of a scan of the chunk. Within a slot's range the routes that
   * paint come first: they start exactly at the slot's first address and sort before longer
   * routes at the same address.
   */
  private long layout(int depth, int off, long[] records, int from, int to, int inherited) {
    int[] hops = slotHops[depth];
    int[] groupFrom = childFrom[depth];
    int[] groupTo = childTo[depth];
    Arrays.fill(hops, inherited);
    int end = off + 6;
    long vector = 0;
    boolean windowInOneLong = off <= 58 || (off >= 64 && off <= 122);
    if (to - from <= 64 || !windowInOneLong) {
      for (int i = from; i < to; i++) {
        int length = store.length(records, i);
        int slot = slotOf(records, i, off);
        if (length <= end) {
          Arrays.fill(hops, slot, slot + (1 << (end - length)), store.nextHop(records, i));
        } else {
          if ((vector >>> slot & 1) == 0) {
            vector |= 1L << slot;
            groupFrom[slot] = i;
          }
          groupTo[slot] = i + 1;
        }
      }
      return vector;
    }
    long baseHi = store.hi(records, from);
    long baseLo = store.lo(records, from);
    if (off < 64) {
      baseHi &= off == 0 ? 0 : -1L << (64 - off);
      baseLo = 0;
    } else {
      baseLo &= off == 64 ? 0 : -1L << (128 - off);
    }
    int i = from;
    for (int slot = 0; slot < 64; slot++) {
      int next = to;
      if (slot < 63) {
        long slotHi = off < 64 ? baseHi | (long) (slot + 1) << (58 - off) : baseHi;
        long slotLo = off < 64 ? 0 : baseLo | (long) (slot + 1) << (122 - off);
        next = lowerBound(records, i, to, slotHi, slotLo);
      }
      while (i < next && store.length(records, i) <= end) {
        int first = slotOf(records, i, off);
        Arrays.fill(hops, first, first + (1 << (end - store.length(records, i))),
            store.nextHop(records, i));
        i++;
      }
      if (i < next) {
        vector |= 1L << slot;
        groupFrom[slot] = i;
        groupTo[slot] = next;
      }
      i = next;
    }
    return vector;
  }

  /** The first record in {@code [from, to)} whose key is at or past (hi, lo), unsigned. */
  private int lowerBound(long[] records, int from, int to, long hi, long lo) {
    int low = from;
    int high = to;
    while (low < high) {
      int mid = (low + high) >>> 1;
      int c = Long.compareUnsigned(store.hi(records, mid), hi);
      if (c == 0) {
        c = Long.compareUnsigned(store.lo(records, mid), lo);
      }
      if (c < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The leaf runs of a node: leafvec, and each run's hop in {@code runs}. */
  private static long runs(int[] hops, long vector, char[] runs) {
    long leafvec = 0;
    int count = 0;
    int previous = -1;
    for (int slot = 0; slot < 64; slot++) {
      if ((vector >>> slot & 1) == 0 && hops[slot] != previous) {
        previous = hops[slot];
        leafvec |= 1L << slot;
        runs[count++] = (char) previous;
      }
    }
    return leafvec;
  }

  /** The slots of a node at {@code off} that the changes at {@code depth} overlap. */
  private long touched(int depth, int changeCount, int off) {
    long[] c = changes[depth];
    long touched = 0;
    for (int k = 0; k < changeCount; k++) {
      int length = (int) c[3 * k + 2];
      if (length <= off) {
        return -1L;
      }
      int first = slotOf(c[3 * k], c[3 * k + 1], off);
      int span = length >= off + 6 ? 1 : 1 << (off + 6 - length);
      touched |= (span == 64 ? -1L : (1L << span) - 1) << first;
    }
    return touched;
  }

  /** Copies the changes that overlap one slot to the next depth's scratch; returns how many. */
  private int changesInSlot(int depth, int changeCount, int off, int slot) {
    long[] c = changes[depth];
    long[] next = changes[depth + 1];
    int n = 0;
    for (int k = 0; k < changeCount; k++) {
      int length = (int) c[3 * k + 2];
      boolean overlaps = length <= off;
      if (!overlaps) {
        int first = slotOf(c[3 * k], c[3 * k + 1], off);
        int span = length >= off + 6 ? 1 : 1 << (off + 6 - length);
        overlaps = slot >= first && slot < first + span;
      }
      if (overlaps) {
        System.arraycopy(c, 3 * k, next, 3 * n, 3);
        n++;
      }
    }
    return n;
  }

  /** Counts a dropped subtree's blocks as garbage (the node itself is in its parent's block). */
  private void kill(int node) {
    long[] nodes = target.nodes;
    long vector = nodes[3 * node];
    deadNodes += Long.bitCount(vector);
    deadLeaves += Long.bitCount(nodes[3 * node + 1]);
    int base1 = (int) (nodes[3 * node + 2] >>> 32);
    for (int k = 0, n = Long.bitCount(vector); k < n; k++) {
      kill(base1 + k);
    }
  }

  private int slotOf(long[] records, int i, int off) {
    return slotOf(store.hi(records, i), store.lo(records, i), off);
  }

  /** Key bits {@code off .. off+5} of a 128-bit key, zero-padded past bit 127. */
  static int slotOf(long hi, long lo, int off) {
    if (off <= 58) {
      return (int) (hi >>> (58 - off)) & 63;
    }
    if (off >= 64) {
      int o = off - 64;
      return (int) (o <= 58 ? lo >>> (58 - o) : lo << (o - 58)) & 63;
    }
    return (int) (hi << (off - 58) | lo >>> (122 - off)) & 63;
  }

  private void writeNode(int at, long vector, long leafvec, int base0, int base1) {
    long[] nodes = target.nodes;
    nodes[3 * at] = vector;
    nodes[3 * at + 1] = leafvec;
    nodes[3 * at + 2] = (long) base1 << 32 | (base0 & 0xFFFF_FFFFL);
  }

  private int allocateNodes(int count) {
    int at = nodeTop;
    if (at + count > target.nodeCapacity()) {
      FibArrays t = target;
      long grown = Math.max(at + count, t.nodeCapacity() + (t.nodeCapacity() >> 1) + 1024);
      if (3 * grown > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("FIB node space exhausted: " + grown + " nodes");
      }
      target = new FibArrays(directFor(t), Arrays.copyOf(t.nodes, 3 * (int) grown), t.leaves);
      fresh = true;
    }
    nodeTop = at + count;
    return at;
  }

  private int allocateLeaves(int count) {
    int at = leafTop;
    if (at + count > target.leaves.length) {
      FibArrays t = target;
      long grown = Math.max(at + count, t.leaves.length + (t.leaves.length >> 1) + 4096);
      if (grown > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("FIB leaf space exhausted: " + grown + " leaves");
      }
      target = new FibArrays(directFor(t), t.nodes, Arrays.copyOf(t.leaves, (int) grown));
      fresh = true;
    }
    leafTop = at + count;
    return at;
  }

  /**
   * The direct array of grown arrays: a copy when growing published ones, whose readers must
   * not see entries into arrays they do not have; the same array when not yet published.
   */
  private int[] directFor(FibArrays grownFrom) {
    return fresh ? grownFrom.direct : grownFrom.direct.clone();
  }
}
