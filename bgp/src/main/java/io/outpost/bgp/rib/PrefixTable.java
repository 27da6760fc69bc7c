package io.outpost.bgp.rib;

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
 */
public final class PrefixTable<V> {
  private static final int INITIAL_CAPACITY = 16;
  /** {@link #find}'s code for a key that a packed table cannot hold: it must turn wide first. */
  private static final int NOT_PACKABLE = Integer.MIN_VALUE;

  /** Packed keys, or null once wide. */
  private long[] keys;
  /** Wide keys, or null while packed. */
  private long[] hi;
  private long[] lo;
  private long[] meta;
  private Object[] values;
  private int size;
  private int mask;

  public PrefixTable() {
    this(0);
  }

  /** A table with room for {@code expected} keys before it grows (packed, as every one starts). */
  public PrefixTable(int expected) {
    int capacity = INITIAL_CAPACITY;
    while (capacity * 3 < expected * 4) {
      capacity <<= 1;
    }
    keys = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
  }

  public int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  public V get(long h, long l, long m) {
    if (keys != null && !packable(h, l, m)) {
      return null;
    }
    return (V) values[slot(h, l, m)];
  }

  /** Sets the value and returns the one it replaced, or null. */
  @SuppressWarnings("unchecked")
  public V put(long h, long l, long m, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value: use remove");
    }
    if (keys != null && !packable(h, l, m)) {
      rebuild(values.length, false);
    }
    int i = slot(h, l, m);
    V old = (V) values[i];
    values[i] = value;
    if (old == null) {
      setKey(i, h, l, m);
      if (++size * 4 > values.length * 3) {
        rebuild(values.length * 2, keys != null);
      }
    }
    return old;
  }

  /**
   * Where the key is: its slot ({@code >= 0}, for {@link #valueAt} and {@link #setAt}), or a
   * negative code for {@link #insertAt} when it is absent. Valid until the table next changes.
   * One probe where a {@link #get} followed by a {@link #put} would make two (each a cache miss
   * in a table of a million prefixes).
   */
  public int find(long h, long l, long m) {
    if (keys != null && !packable(h, l, m)) {
      return NOT_PACKABLE;
    }
    int i = slot(h, l, m);
    return values[i] != null ? i : -1 - i;
  }

  /** The value in a slot {@link #find} returned. */
  @SuppressWarnings("unchecked")
  public V valueAt(int slot) {
    return (V) values[slot];
  }

  /** Replaces the value in a slot {@link #find} returned. */
  public void setAt(int slot, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value: use remove");
    }
    values[slot] = value;
  }

  /** Adds the key that {@link #find} found absent (its negative code), with its value. */
  public void insertAt(int code, long h, long l, long m, V value) {
    if (code == NOT_PACKABLE) {
      put(h, l, m, value);
      return;
    }
    if (value == null) {
      throw new IllegalArgumentException("null value: use remove");
    }
    int i = -1 - code;
    values[i] = value;
    setKey(i, h, l, m);
    if (++size * 4 > values.length * 3) {
      rebuild(values.length * 2, keys != null);
    }
  }

  /** Removes the key and returns its value, or null if it was not there. */
  @SuppressWarnings("unchecked")
  public V remove(long h, long l, long m) {
    if (keys != null && !packable(h, l, m)) {
      return null;
    }
    int i = slot(h, l, m);
    V old = (V) values[i];
    if (old == null) {
      return null;
    }
    values[i] = null;
    size--;
    // Backward-shift deletion keeps probe sequences unbroken without tombstones.
    int hole = i;
    for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = hash(hiAt(j), loAt(j), metaAt(j)) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        setKey(hole, hiAt(j), loAt(j), metaAt(j));
        values[hole] = values[j];
        values[j] = null;
        hole = j;
      }
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
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        visitor.visit(hiAt(i), loAt(i), metaAt(i), (V) values[i]);
      }
    }
  }

  /** Empties the table and gives its memory back; it starts packed again. */
  public void clear() {
    keys = new long[INITIAL_CAPACITY];
    hi = lo = meta = null;
    values = new Object[INITIAL_CAPACITY];
    mask = INITIAL_CAPACITY - 1;
    size = 0;
  }

  private static boolean packable(long h, long l, long m) {
    return l == 0 && (h >>> 32) == 0 && (m >>> 32) == 0;
  }

  private long hiAt(int i) {
    return keys != null ? keys[i] >>> 32 : hi[i];
  }

  private long loAt(int i) {
    return keys != null ? 0 : lo[i];
  }

  private long metaAt(int i) {
    return keys != null ? keys[i] & 0xffff_ffffL : meta[i];
  }

  private void setKey(int i, long h, long l, long m) {
    if (keys != null) {
      keys[i] = h << 32 | m;
    } else {
      hi[i] = h;
      lo[i] = l;
      meta[i] = m;
    }
  }

  /** The slot that holds the key, or the empty one where it would go. */
  private int slot(long h, long l, long m) {
    int i = hash(h, l, m) & mask;
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

  private static int hash(long h, long l, long m) {
    long x = h * 0x9E37_79B9_7F4A_7C15L ^ l * 0xC2B2_AE3D_27D4_EB4FL ^ m * 0x1656_67B1_9E37_79F9L;
    return (int) (x ^ x >>> 29 ^ x >>> 41);
  }

  /** Re-inserts every entry into {@code capacity} slots, packed or wide. */
  private void rebuild(int capacity, boolean packed) {
    PrefixTable<Object> old = new PrefixTable<>(keys, hi, lo, meta, values);
    values = new Object[capacity];
    mask = capacity - 1;
    if (packed) {
      keys = new long[capacity];
      hi = lo = meta = null;
    } else {
      keys = null;
      hi = new long[capacity];
      lo = new long[capacity];
      meta = new long[capacity];
    }
    for (int i = 0; i < old.values.length; i++) {
      if (old.values[i] != null) {
        long h = old.hiAt(i);
        long l = old.loAt(i);
        long m = old.metaAt(i);
        int s = slot(h, l, m);
        setKey(s, h, l, m);
        values[s] = old.values[i];
      }
    }
  }

  /** A view of arrays being rebuilt from. */
  private PrefixTable(long[] keys, long[] hi, long[] lo, long[] meta, Object[] values) {
    this.keys = keys;
    this.hi = hi;
    this.lo = lo;
    this.meta = meta;
    this.values = values;
  }

  @Override
  public String toString() {
    return "PrefixTable(" + size + " of " + values.length + (keys != null ? ", packed)"
        : ", wide)");
  }
}
