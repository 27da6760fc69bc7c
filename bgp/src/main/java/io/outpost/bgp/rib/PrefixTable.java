package io.outpost.bgp.rib;

import java.util.Arrays;

/**
 * A map from prefix keys ({@link io.outpost.bgp.wire.Nlri}'s three longs: high word, low word,
 * {@code pathId << 8 | length}) to values, with open addressing in parallel arrays: no entry
 * object, no boxed key. A full table of a million prefixes per peer is the case it is built for.
 * Not thread-safe: the RIB thread owns it.
 *
 * <p>Keys are stored in one of two layouts. A table starts <em>packed</em>: one long per slot,
 * {@code hi << 32 | meta}, which holds every IPv4 prefix whose path identifier is below 2^24
 * (12 octets a slot with the value's reference). The first key that does not fit (any IPv6
 * prefix, or a large path identifier) turns the table <em>wide</em> for good: three longs a
 * slot (28 octets). Four of five prefixes in a full table are IPv4, and every BGP table holds
 * one family, so the packed layout is the one that counts.
 *
 * <p>A table grows without ever copying itself whole (extendible hashing). Up to
 * {@link #SEGMENT_SLOTS} slots it is one segment that doubles; past that it is a directory of
 * segments of that size, chosen by the top bits of a key's hash, and a segment that fills up
 * splits in two: the keys whose next hash bit is set move to a new segment and the rest stay
 * where they are. Doubling a table of a million prefixes left its old arrays (tens of
 * megabytes, promoted by then) for the collector, a third of everything a full table to ten
 * peers made it collect; a split leaves no garbage but the directory it may double.
 */
public final class PrefixTable<V> {
  /** Slots of a segment once a table has several. */
  static final int SEGMENT_SLOTS = 1 << 13;
  private static final int INITIAL_CAPACITY = 16;
  /** {@link #find}'s code for a key that a packed table cannot hold: it must turn wide first. */
  private static final int NOT_PACKABLE = Integer.MIN_VALUE;
  /** Slots {@link #reuse} keeps whatever the use. */
  private static final int REUSED_SLOTS = 1 << 12;
  /** Deepest directory: 2^17 segments, so that a slot number stays a positive int. */
  private static final int MAX_DEPTH = 17;

  /** One open-addressing table of the directory, in the table's layout. */
  private static final class Segment {
    /** Packed keys, or null once wide. */
    long[] keys;
    /** Wide keys, or null while packed. */
    long[] hi;
    long[] lo;
    long[] meta;
    Object[] values;
    int mask;
    int used;
    /** How many top hash bits all of its keys share (its prefix, {@link #prefix}). */
    int localDepth;
    int prefix;

    Segment(int capacity, boolean packed, int localDepth, int prefix) {
      values = new Object[capacity];
      mask = capacity - 1;
      if (packed) {
        keys = new long[capacity];
      } else {
        hi = new long[capacity];
        lo = new long[capacity];
        meta = new long[capacity];
      }
      this.localDepth = localDepth;
      this.prefix = prefix;
    }

    long hiAt(int i) {
      return keys != null ? keys[i] >>> 32 : hi[i];
    }

    long loAt(int i) {
      return keys != null ? 0 : lo[i];
    }

    long metaAt(int i) {
      return keys != null ? keys[i] & 0xffff_ffffL : meta[i];
    }

    void setKey(int i, long h, long l, long m) {
      if (keys != null) {
        keys[i] = h << 32 | m;
      } else {
        hi[i] = h;
        lo[i] = l;
        meta[i] = m;
      }
    }

    /** The slot that holds the key, or the empty one where it would go. */
    int slot(long h, long l, long m, long hash) {
      int i = (int) hash & mask;
      if (keys != null) {
        long k = h << 32 | m;
        while (values[i] != null && keys[i] != k) {
          i = (i + 1) & mask;
        }
      } else {
        while (values[i] != null && (hi[i] != h || lo[i] != l || meta[i] != m)) {
          i = (i + 1) & mask;
        }
      }
      return i;
    }

    /** Empties slot {@code i}; backward-shift deletion keeps probe sequences unbroken. */
    void removeAt(int i) {
      values[i] = null;
      used--;
      int hole = i;
      for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
        int home = (int) hash(hiAt(j), loAt(j), metaAt(j)) & mask;
        if (((j - home) & mask) >= ((j - hole) & mask)) {
          setKey(hole, hiAt(j), loAt(j), metaAt(j));
          values[hole] = values[j];
          values[j] = null;
          hole = j;
        }
      }
    }

    boolean full() {
      return used * 4 > values.length * 3;
    }
  }

  private final int segmentSlots;
  /** log2 of {@link #segmentSlots}: a slot number is its directory index, shifted, and more. */
  private final int segmentShift;
  /** 2^{@link #depth} entries; a segment of local depth d fills 2^(depth - d) in a row. */
  private Segment[] directory;
  private int depth;
  /** Where a split keeps the keys that stay while it empties their segment; null until then. */
  private Segment scratch;
  private boolean packed;
  private int size;

  public PrefixTable() {
    this(0);
  }

  /** A table with room for {@code expected} keys before it grows (packed, as every one starts). */
  public PrefixTable(int expected) {
    this(expected, SEGMENT_SLOTS);
  }

  /** For tests: segments of {@code segmentSlots} (a power of two), so that they split often. */
  PrefixTable(int expected, int segmentSlots) {
    this.segmentSlots = segmentSlots;
    this.segmentShift = Integer.numberOfTrailingZeros(segmentSlots);
    allocate(expected, true);
  }

  public int size() {
    return size;
  }

  /** Slots in every segment together (the table's memory, as {@link #toString} says). */
  int slots() {
    int slots = 0;
    for (int d = 0; d < directory.length; d += 1 << (depth - directory[d].localDepth)) {
      slots += directory[d].values.length;
    }
    return slots;
  }

  @SuppressWarnings("unchecked")
  public V get(long h, long l, long m) {
    if (packed && !packable(h, l, m)) {
      return null;
    }
    long x = hash(h, l, m);
    Segment s = segment(x);
    return (V) s.values[s.slot(h, l, m, x)];
  }

  /** Sets the value and returns the one it replaced, or null. */
  public V put(long h, long l, long m, V value) {
    int at = find(h, l, m);
    if (at >= 0) {
      V old = valueAt(at);
      setAt(at, value);
      return old;
    }
    insertAt(at, h, l, m, value);
    return null;
  }

  /**
   * Where the key is: its slot ({@code >= 0}, for {@link #valueAt} and {@link #setAt}), or a
   * negative code for {@link #insertAt} when it is absent. Valid until the table next changes.
   * One probe where a {@link #get} followed by a {@link #put} would make two (each a cache miss
   * in a table of a million prefixes).
   */
  public int find(long h, long l, long m) {
    if (packed && !packable(h, l, m)) {
      return NOT_PACKABLE;
    }
    long x = hash(h, l, m);
    int d = directoryIndex(x);
    Segment s = directory[d];
    int i = s.slot(h, l, m, x);
    int slot = d << segmentShift | i;
    return s.values[i] != null ? slot : -1 - slot;
  }

  /** The value in a slot {@link #find} returned. */
  @SuppressWarnings("unchecked")
  public V valueAt(int slot) {
    return (V) directory[slot >>> segmentShift].values[slot & (segmentSlots - 1)];
  }

  /** Replaces the value in a slot {@link #find} returned. */
  public void setAt(int slot, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value: use remove");
    }
    directory[slot >>> segmentShift].values[slot & (segmentSlots - 1)] = value;
  }

  /** Adds the key that {@link #find} found absent (its negative code), with its value. */
  public void insertAt(int code, long h, long l, long m, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value: use remove");
    }
    if (code == NOT_PACKABLE) {
      widen();
      code = find(h, l, m);
    }
    int slot = -1 - code;
    Segment s = directory[slot >>> segmentShift];
    int i = slot & (segmentSlots - 1);
    s.values[i] = value;
    s.setKey(i, h, l, m);
    s.used++;
    size++;
    if (s.full()) {
      grow(s);
    }
  }

  /** Removes the key and returns its value, or null if it was not there. */
  @SuppressWarnings("unchecked")
  public V remove(long h, long l, long m) {
    if (packed && !packable(h, l, m)) {
      return null;
    }
    long x = hash(h, l, m);
    Segment s = segment(x);
    int i = s.slot(h, l, m, x);
    V old = (V) s.values[i];
    if (old != null) {
      s.removeAt(i);
      size--;
    }
    return old;
  }

  /** What {@link #forEach} calls for each entry. */
  @FunctionalInterface
  public interface Visitor<V> {
    void visit(long hi, long lo, long meta, V value);
  }

  /** Visits every entry; the visitor must not change the table. */
  @SuppressWarnings("unchecked")
  public void forEach(Visitor<V> visitor) {
    for (int d = 0; d < directory.length; d += 1 << (depth - directory[d].localDepth)) {
      Segment s = directory[d];
      for (int i = 0; i < s.values.length; i++) {
        if (s.values[i] != null) {
          visitor.visit(s.hiAt(i), s.loAt(i), s.metaAt(i), (V) s.values[i]);
        }
      }
    }
  }

  /**
   * Empties the table to be filled again, as a buffer of changes is between flushes: its
   * segments stay (and its layout) while the entries it held filled an eighth of them or more,
   * or while they are small; else it shrinks to the size those entries need. A buffer that is
   * filled and emptied again and again then does not grow from 16 slots each time (the
   * doubling was a third of what ten downstream peers' flushes allocated).
   */
  public void reuse() {
    int slots = slots();
    if (slots > REUSED_SLOTS && size * 8 < slots) {
      allocate(size, packed);
      return;
    }
    for (int d = 0; d < directory.length; d += 1 << (depth - directory[d].localDepth)) {
      Arrays.fill(directory[d].values, null);
      directory[d].used = 0;
    }
    size = 0;
  }

  /** Empties the table and gives its memory back; it starts packed again. */
  public void clear() {
    allocate(0, true);
  }

  /**
   * An empty table with room for {@code expected} keys: one segment while they fit one, else
   * as many full-size segments as they need at three quarters full.
   */
  private void allocate(int expected, boolean packedLayout) {
    packed = packedLayout;
    size = 0;
    scratch = null;
    int capacity = INITIAL_CAPACITY;
    while (capacity < segmentSlots && capacity * 3 < expected * 4) {
      capacity <<= 1;
    }
    depth = 0;
    while (depth < MAX_DEPTH && (long) segmentSlots * 3 << depth < (long) expected * 4) {
      depth++;
    }
    directory = new Segment[1 << depth];
    for (int d = 0; d < directory.length; d++) {
      directory[d] = new Segment(capacity, packed, depth, d);
    }
  }

  private static boolean packable(long h, long l, long m) {
    return l == 0 && (h >>> 32) == 0 && (m >>> 32) == 0;
  }

  /** Spreads a key over 64 bits: the top ones choose the segment, the low ones the slot. */
  private static long hash(long h, long l, long m) {
    long x = h * 0x9E37_79B9_7F4A_7C15L ^ l * 0xC2B2_AE3D_27D4_EB4FL ^ m * 0x1656_67B1_9E37_79F9L;
    x ^= x >>> 32;
    x *= 0xD6E8_FEB8_6659_FD93L;
    return x ^ x >>> 32;
  }

  private int directoryIndex(long hash) {
    return depth == 0 ? 0 : (int) (hash >>> (64 - depth));
  }

  private Segment segment(long hash) {
    return directory[directoryIndex(hash)];
  }

  /** A full segment doubles while it is the only one and smaller than a segment; else splits. */
  private void grow(Segment s) {
    if (s.values.length < segmentSlots) {
      rehash(s, s.values.length * 2, packed);
    } else if (s.localDepth < MAX_DEPTH) {
      split(s);
    } else if (s.used >= s.values.length - 1) {
      // 2^17 full segments (a billion keys), or keys whose hashes all share 17 top bits
      throw new IllegalStateException("PrefixTable full: " + size + " keys");
    }
  }

  /**
   * Splits {@code s}: the keys whose next hash bit is set move to a new segment, the others
   * stay, placed again in {@code s}'s own arrays from the table's {@link #scratch} (one
   * segment's worth, made at the first split and kept), so a split leaves no garbage.
   */
  private void split(Segment s) {
    if (s.localDepth == depth) {
      Segment[] doubled = new Segment[directory.length * 2];
      for (int d = 0; d < directory.length; d++) {
        doubled[2 * d] = directory[d];
        doubled[2 * d + 1] = directory[d];
      }
      directory = doubled;
      depth++;
    }
    int bit = 63 - s.localDepth;
    Segment moved = new Segment(s.values.length, packed, s.localDepth + 1, s.prefix << 1 | 1);
    s.localDepth++;
    s.prefix <<= 1;
    if (scratch == null || scratch.values.length < s.values.length
        || (scratch.keys != null) != packed) {
      scratch = new Segment(s.values.length, packed, 0, 0);
    }
    int stay = 0;
    for (int i = 0; i < s.values.length; i++) {
      Object v = s.values[i];
      if (v == null) {
        continue;
      }
      long h = s.hiAt(i);
      long l = s.loAt(i);
      long m = s.metaAt(i);
      long x = hash(h, l, m);
      Segment to = (x >>> bit & 1) == 0 ? scratch : moved;
      int j = to == scratch ? stay++ : to.slot(h, l, m, x);
      to.setKey(j, h, l, m);
      to.values[j] = v;
      s.values[i] = null;
    }
    moved.used = s.used - stay;
    s.used = stay;
    for (int k = 0; k < stay; k++) {
      place(scratch, k, s);
      scratch.values[k] = null;
    }
    int run = 1 << (depth - moved.localDepth);
    int first = moved.prefix * run;
    for (int d = first; d < first + run; d++) {
      directory[d] = moved;
    }
  }

  /** Puts entry {@code i} of {@code from} into {@code to} at the slot its hash gives. */
  private static void place(Segment from, int i, Segment to) {
    long h = from.hiAt(i);
    long l = from.loAt(i);
    long m = from.metaAt(i);
    int j = to.slot(h, l, m, hash(h, l, m));
    to.setKey(j, h, l, m);
    to.values[j] = from.values[i];
  }

  /** The keys of {@code s} into new arrays of {@code capacity} slots, packed or wide. */
  private void rehash(Segment s, int capacity, boolean packedLayout) {
    Segment old = new Segment(0, true, 0, 0);
    old.keys = s.keys;
    old.hi = s.hi;
    old.lo = s.lo;
    old.meta = s.meta;
    old.values = s.values;
    Segment fresh = new Segment(capacity, packedLayout, s.localDepth, s.prefix);
    for (int i = 0; i < old.values.length; i++) {
      if (old.values[i] != null) {
        place(old, i, fresh);
      }
    }
    s.keys = fresh.keys;
    s.hi = fresh.hi;
    s.lo = fresh.lo;
    s.meta = fresh.meta;
    s.values = fresh.values;
    s.mask = fresh.mask;
  }

  /** Turns every segment wide, for a key the packed layout cannot hold. */
  private void widen() {
    packed = false;
    for (int d = 0; d < directory.length; d += 1 << (depth - directory[d].localDepth)) {
      rehash(directory[d], directory[d].values.length, false);
    }
  }

  @Override
  public String toString() {
    return "PrefixTable(" + size + " of " + slots() + (packed ? ", packed)" : ", wide)");
  }
}
