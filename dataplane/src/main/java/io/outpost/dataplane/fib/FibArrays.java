package io.outpost.dataplane.fib;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One lookup structure as readers see it: the direct-pointing array, the nodes and the leaves,
 * three flat arrays and nothing else.
 *
 * <pre>
 * direct[i]  int    bit 31 set: a leaf, next hop in bits 0..15 (0 = no route)
 *                   bit 31 clear: index of the chunk's root node (never 0)
 * nodes      long[] node n is nodes[3n .. 3n+2]:
 *                     [3n]     vector   bit j set: slot j is an internal node
 *                     [3n+1]   leafvec  bit j set: a run of identical leaves starts at slot j
 *                     [3n+2]   base1 (children, bits 32..63) | base0 (leaves, bits 0..31)
 *                   slot j's child is node base1 + popcount(vector & bits 0..j) - 1,
 *                   its leaf is leaves[base0 + popcount(leafvec & bits 0..j) - 1]
 * leaves     char[] next hop ids; leaves[h] = h for every h < 65536
 * </pre>
 *
 * <p>The first 65536 leaves are the identity (leaf h holds next hop h), so that a direct entry's
 * next hop is also a leaf index and a burst's lookups can all end with one leaf load each (see
 * {@link Ipv4Fib#lookup(int[], int[], int)}); they cost 128 KB and only the few ids in use are
 * ever read. Node 0 is a dummy (no children, one leaf run at slot 0, so any slot reads leaf 0,
 * next hop 0) so that index 0 never means a real node. Readers take the current instance once
 * per burst and never see it change under them except through {@link #direct} entries, which
 * the writer switches one at a time with release stores to subtrees it finished writing in
 * space no published entry reached before; see {@link Poptrie}.
 */
final class FibArrays {
  /** Leaves that hold their own index: the next-hop ids. */
  static final int HOP_LEAVES = 1 << 16;

  /** Flag of a direct entry that is a leaf. */
  static final int LEAF = 0x8000_0000;

  /** Release stores and acquire loads of direct entries. */
  static final VarHandle DIRECT = MethodHandles.arrayElementVarHandle(int[].class);

  final int[] direct;
  final long[] nodes;
  final char[] leaves;

  FibArrays(int[] direct, long[] nodes, char[] leaves) {
    this.direct = direct;
    this.nodes = nodes;
    this.leaves = leaves;
  }

  /** Node capacity: how many nodes fit in {@link #nodes}. */
  int nodeCapacity() {
    return nodes.length / 3;
  }

  /** Bytes held by the three arrays (headers left out), including unused and garbage space. */
  long memoryBytes() {
    return 4L * direct.length + 8L * nodes.length + 2L * leaves.length;
  }
}
