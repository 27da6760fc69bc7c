package io.outpost.bgp.rib;

/**
 * A map from prefix keys ({@link io.outpost.bgp.wire.Nlri}'s three longs: high word, low word,
 * {@code pathId << 8 | length}) to values, with open addressing in parallel arrays: no entry
 * object, no boxed key, 28 octets per slot plus the value. A full table of a million prefixes
 * per peer is the case it is built for. Not thread-safe: the RIB thread owns it.
 */
public final class PrefixTable<V> {
  private long[] hi;
  private long[] lo;
  private long[] meta;
  private Object[] values;
  private int size;
  private int mask;

  public PrefixTable() {
    allocate(16);
  }

  private void allocate(int capacity) {
    hi = new long[capacity];
    lo = new long[capacity];
    meta = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
  }

  public int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  public V get(long h, long l, long m) {
    int i = slot(h, l, m);
    return (V) values[i];
  }

  /** Sets the value and returns the one it replaced, or null. */
  @SuppressWarnings("unchecked")
  public V put(long h, long l, long m, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value: use remove");
    }
    int i = slot(h, l, m);
    V old = (V) values[i];
    if (old == null) {
      hi[i] = h;
      lo[i] = l;
      meta[i] = m;
      if (++size * 4 > values.length * 3) {
        values[i] = value;
        grow();
        return null;
      }
    }
    values[i] = value;
    return old;
  }

  /** Removes the key and returns its value, or null if it was not there. */
  @SuppressWarnings("unchecked")
  public V remove(long h, long l, long m) {
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
      int home = hash(hi[j], lo[j], meta[j]) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        hi[hole] = hi[j];
        lo[hole] = lo[j];
        meta[hole] = meta[j];
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
        visitor.visit(hi[i], lo[i], meta[i], (V) values[i]);
      }
    }
  }

  public void clear() {
    allocate(16);
    size = 0;
  }

  private int slot(long h, long l, long m) {
    int i = hash(h, l, m) & mask;
    while (values[i] != null && (hi[i] != h || lo[i] != l || meta[i] != m)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static int hash(long h, long l, long m) {
    long x = h * 0x9E37_79B9_7F4A_7C15L ^ l * 0xC2B2_AE3D_27D4_EB4FL ^ m * 0x1656_67B1_9E37_79F9L;
    return (int) (x ^ x >>> 29 ^ x >>> 41);
  }

  private void grow() {
    long[] oh = hi;
    long[] ol = lo;
    long[] om = meta;
    Object[] ov = values;
    allocate(ov.length * 2);
    for (int i = 0; i < ov.length; i++) {
      if (ov[i] != null) {
        int s = slot(oh[i], ol[i], om[i]);
        hi[s] = oh[i];
        lo[s] = ol[i];
        meta[s] = om[i];
        values[s] = ov[i];
      }
    }
  }

  @Override
  public String toString() {
    return "PrefixTable(" + size + " of " + values.length + ")";
  }
}
