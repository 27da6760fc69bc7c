/**
 * The data plane's forwarding tables: longest-prefix match from a destination address to a
 * next-hop id, for IPv4 ({@link io.outpost.dataplane.fib.Ipv4Fib}) and IPv6 ({@link
 * io.outpost.dataplane.fib.Ipv6Fib}), sized for a full Internet table and updated in place
 * while worker threads look up. {@link io.outpost.dataplane.fib.SyntheticTable} generates
 * realistic full tables for tests and benchmarks.
 *
 * <h2>Structure: Poptrie</h2>
 *
 * Asai and Ohara's Poptrie (SIGCOMM 2015): a direct-pointing array on the first bits of the
 * address, then nodes of 6-bit stride, each a 64-bit {@code vector} (which of its 64 slots
 * are internal nodes), a 64-bit {@code leafvec} (where runs of identical leaves start: leaf
 * compression) and two base indices; a child or leaf is found with one popcount of the bitmap
 * up to the slot. Nodes live in one flat {@code long[]}, 24 bytes each, leaves in one {@code
 * char[]} of 16-bit next-hop ids; no object per route or node. The same builder serves both
 * families: keys are 128-bit, IPv4 left-aligned in the first long. Layout in {@link
 * io.outpost.dataplane.fib.FibArrays}.
 *
 * <p>Why Poptrie: the table must be small (a full IPv4 table is 9 MB here, against 32 MB for
 * DIR-24-8's first array alone, and this machine's last-level cache behaves as ~16 MB), and
 * lookups must be a few dependent loads. Why 18 direct bits for IPv4 (the paper's best) and not
 * 16: 60% of the table is /24, and with 18 bits a /24 resolves in the first node (bits 18..23),
 * so 98% of lookups into routed space read exactly one direct entry, one node and one leaf; with
 * 16 they would read two nodes. IPv6 uses 16 direct bits: its routes sit in a few hundred /16s,
 * and 16 + 6 * 8 = 64 keeps every stride inside one of the address's two longs.
 *
 * <h2>Lookups in bursts</h2>
 *
 * One lookup is a chain of dependent cache misses (direct entry, node, leaf), about 35 ns each
 * on the benchmark machine, and a core can only overlap so many chains of that length. The
 * burst lookups ({@code lookup(int[], int[], int)}) therefore go stage by stage over the burst,
 * as VPP does with its vectors: all direct entries, then all nodes of the next level, then all
 * leaves. Within a stage the loads are independent and their misses overlap; that doubles
 * IPv4 throughput (benchmarks/README.md). The first 65536 leaves are the identity so that every
 * lookup ends on a leaf index, whatever level it stopped at. Lookups never allocate or block.
 *
 * <h2>Updates</h2>
 *
 * The source of truth is a compact {@link io.outpost.dataplane.fib.PrefixStore}: per direct
 * entry ("chunk"), a sorted {@code long[]} of its longer routes; routes no longer than the
 * direct bits sit in per-length next-hop arrays and decide each chunk's inherited next hop.
 * Inserts and removals are staged there and mark their chunk dirty; {@code publish()} rebuilds
 * each dirty chunk's subtree into fresh space past the arrays' high-water marks, copying only
 * the path to what changed and reusing every untouched subtree, then switches the chunk's
 * direct entry with a release store (readers load it with acquire). A route shorter than the
 * direct bits changes the inherited next hop of the chunks it covers: those are rebuilt whole
 * (leaf chunks just get a new direct entry). Arrays that must grow, and the periodic compaction
 * that drops garbage, are new {@link io.outpost.dataplane.fib.FibArrays} published through
 * one volatile reference; see {@link io.outpost.dataplane.fib.Poptrie}.
 *
 * <p>Limits: next-hop ids are 1..65535 (0 is "no route"); at most 2^31 / 3 nodes and 2^31
 * leaves, far beyond any real table; one writer thread at a time; a batch is atomic per chunk,
 * not as a whole. Prefixes with host bits set are refused, not truncated.
 */
package io.outpost.dataplane.fib;
