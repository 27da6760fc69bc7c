package io.outpost.dataplane.fib;

/**
 * The writer's side of one FIB, shared by both address families: stages route changes in the
 * {@link PrefixStore}, remembers which chunks they dirtied, and on {@link #publish()} rebuilds
 * those chunks and makes them visible to readers; owns the published {@link FibArrays}.
 *
 * <p>Publication. Rebuilt subtrees are written past the arrays' high-water marks; then each
 * dirty chunk's direct entry is switched with a release store, which readers load with
 * acquire, so a reader that sees the new entry sees the finished subtree under it. A chunk
 * switches atomically; a batch does not: while a publish runs, a reader may see one chunk new
 * and another old, as with any FIB whose updates reach the hardware one entry at a time. When a
 * batch had to grow the arrays (or compaction ran), the new {@link FibArrays} is published
 * instead through the one volatile reference {@link #published}, which also orders all its
 * contents before readers that load it; readers holding the old one keep a consistent, older
 * table until their next burst.
 *
 * <p>Garbage. Old versions of rebuilt nodes and leaves stay in the arrays (a reader may still
 * be walking them). When garbage exceeds half the live structure, {@link #publish()} copies
 * the live structure into new, right-sized arrays and publishes them ({@link #compact()}):
 * linear in the live size, and triggered only after updates made half that much garbage, so
 * amortised over them. A batch that dirties more than an eighth of the chunks (a bulk load)
 * is built from the store into new arrays directly ({@link #rebuildAll()}).
 *
 * <p>Single writer: {@link #insert}, {@link #remove} and {@link #publish()} must be called from
 * one thread at a time. Readers never block and never wait for the writer.
 */
final class Poptrie {
  private final PrefixStore store;
  private final SubtreeBuilder builder;
  private final int directBits;

  /** What readers use; replaced only by a publish that grew or compacted the arrays. */
  volatile FibArrays published;

  private final long[] dirty;
  private final long[] whole;
  private int[] dirtyList = new int[64];
  private int dirtyCount;

  private final int[] changeHead;
  private final byte[] changeCount;
  private long[] changeKeys = new long[3 * 64];
  private int[] changeNext = new int[64];
  private int changeTotal;

  private int[] entries = new int[64];

  Poptrie(int keyBits, int directBits) {
    this.directBits = directBits;
    this.store = new PrefixStore(directBits, keyBits > 64);
    this.builder = new SubtreeBuilder(store, keyBits);
    int chunks = 1 << directBits;
    this.dirty = new long[chunks / 64];
    this.whole = new long[chunks / 64];
    this.changeHead = new int[chunks];
    this.changeCount = new byte[chunks];
    java.util.Arrays.fill(changeHead, -1);
    builder.beginFresh(1024, 4096);
    FibArrays empty = builder.target;
    java.util.Arrays.fill(empty.direct, FibArrays.LEAF);
    this.published = empty;
  }

  int size() {
    return store.size();
  }

  /** Adds or replaces a route (canonical key); returns the previous next hop or 0. */
  int insert(long hi, long lo, int length, int nextHop) {
    int previous = store.put(hi, lo, length, nextHop);
    if (previous != nextHop) {
      changed(hi, lo, length);
    }
    return previous;
  }

  /** Removes a route (canonical key); returns its next hop, or 0 when there was none. */
  int remove(long hi, long lo, int length) {
    int previous = store.remove(hi, lo, length);
    if (previous != 0) {
      changed(hi, lo, length);
    }
    return previous;
  }

  /** The staged next hop of exactly this route, or 0. */
  int get(long hi, long lo, int length) {
    return store.get(hi, lo, length);
  }

  /** Visits every route as staged (published or not). */
  void forEach(PrefixStore.RouteVisitor visitor) {
    store.forEach(visitor);
  }

  /** Makes every staged change visible to lookups. */
  void publish() {
    if (dirtyCount == 0) {
      return;
    }
    if (dirtyCount > store.chunkCount() / 8) {
      rebuildAll();
      return;
    }
    builder.begin(published);
    if (entries.length < dirtyCount) {
      entries = new int[dirtyList.length];
    }
    long[] scratch = builder.chunkChanges();
    for (int k = 0; k < dirtyCount; k++) {
      int chunk = dirtyList[k];
      boolean rebuildWhole = isSet(whole, chunk) || changeCount[chunk] > SubtreeBuilder.MAX_CHANGES;
      int n = 0;
      if (!rebuildWhole) {
        for (int c = changeHead[chunk]; c >= 0; c = changeNext[c]) {
          System.arraycopy(changeKeys, 3 * c, scratch, 3 * n, 3);
          n++;
        }
      }
      entries[k] = builder.buildChunk(chunk, rebuildWhole, n);
    }
    FibArrays target = builder.target;
    if (builder.fresh) {
      for (int k = 0; k < dirtyCount; k++) {
        target.direct[dirtyList[k]] = entries[k];
      }
      published = target;
    } else {
      for (int k = 0; k < dirtyCount; k++) {
        FibArrays.DIRECT.setRelease(target.direct, dirtyList[k], entries[k]);
      }
    }
    clearDirty();
    if (builder.deadNodes > builder.liveNodes() / 2 + 4096
        || builder.deadLeaves > builder.liveLeaves() / 2 + 16384) {
      compact();
    }
  }

  /** Moves the live structure into new, right-sized arrays and publishes them. */
  void compact() {
    builder.compact(published);
    published = builder.target;
  }

  /** Bytes of the published lookup structure, garbage and headroom included. */
  long memoryBytes() {
    return published.memoryBytes();
  }

  /** Nodes and leaves the published structure holds that no lookup can reach any more. */
  long garbageBytes() {
    return 24 * builder.deadNodes + 2 * builder.deadLeaves;
  }

  /** Rebuilds the whole structure from the store into new, right-sized arrays and publishes it. */
  void rebuildAll() {
    long live = Math.max(builder.liveNodes(), store.size() / 4);
    long liveLeaves = Math.max(builder.liveLeaves(), store.size());
    builder.beginFresh(
        (int) Math.min(live + live / 4, Integer.MAX_VALUE / 4),
        (int) Math.min(liveLeaves + liveLeaves / 4, Integer.MAX_VALUE / 2));
    for (int chunk = 0, n = store.chunkCount(); chunk < n; chunk++) {
      int entry =
          store.count(chunk) == 0
              ? FibArrays.LEAF | store.chunkDefault[chunk]
              : builder.buildChunk(chunk, true, 0);
      builder.target.direct[chunk] = entry;
    }
    builder.trim();
    published = builder.target;
    clearDirty();
  }

  private void changed(long hi, long lo, int length) {
    if (length <= directBits) {
      // A short route decides the inherited next hop of every chunk it covers.
      int first = length == 0 ? 0 : (int) (hi >>> (64 - length)) << (directBits - length);
      int last = first + (1 << (directBits - length));
      for (int chunk = first; chunk < last; chunk++) {
        int hop = store.coveringShortHop(chunk);
        if (hop != store.chunkDefault[chunk]) {
          store.chunkDefault[chunk] = (char) hop;
          markDirty(chunk);
          whole[chunk >>> 6] |= 1L << chunk;
        }
      }
      return;
    }
    int chunk = store.chunkOf(hi);
    markDirty(chunk);
    if (changeCount[chunk] > SubtreeBuilder.MAX_CHANGES || isSet(whole, chunk)) {
      return;
    }
    changeCount[chunk]++;
    if (changeCount[chunk] > SubtreeBuilder.MAX_CHANGES) {
      return; // the chunk will be rebuilt whole; no need to remember more
    }
    if (changeTotal == changeNext.length) {
      changeNext = java.util.Arrays.copyOf(changeNext, 2 * changeTotal);
      changeKeys = java.util.Arrays.copyOf(changeKeys, 6 * changeTotal);
    }
    int c = changeTotal++;
    changeKeys[3 * c] = hi;
    changeKeys[3 * c + 1] = lo;
    changeKeys[3 * c + 2] = length;
    changeNext[c] = changeHead[chunk];
    changeHead[chunk] = c;
  }

  private void markDirty(int chunk) {
    if (isSet(dirty, chunk)) {
      return;
    }
    dirty[chunk >>> 6] |= 1L << chunk;
    if (dirtyCount == dirtyList.length) {
      dirtyList = java.util.Arrays.copyOf(dirtyList, 2 * dirtyCount);
    }
    dirtyList[dirtyCount++] = chunk;
  }

  private void clearDirty() {
    for (int k = 0; k < dirtyCount; k++) {
      int chunk = dirtyList[k];
      dirty[chunk >>> 6] = 0;
      whole[chunk >>> 6] = 0;
      changeHead[chunk] = -1;
      changeCount[chunk] = 0;
    }
    dirtyCount = 0;
    changeTotal = 0;
  }

  private static boolean isSet(long[] bits, int chunk) {
    return (bits[chunk >>> 6] >>> chunk & 1) != 0;
  }
}
