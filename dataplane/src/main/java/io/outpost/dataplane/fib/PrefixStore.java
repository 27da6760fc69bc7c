package io.outpost.dataplane.fib;

import java.util.Arrays;

/**
 * The source of truth behind one FIB: every route (prefix, length, next hop) the control plane
 * installed, kept compact and grouped by chunk so that the lookup structure of one chunk can be
 * rebuilt from it without looking at the rest of the table.
 *
 * <p>A chunk is one entry of the direct-pointing array: the prefixes whose first {@code
 * directBits} bits are the chunk's index. Keys are 128-bit, left-aligned ({@code hi} holds the
 * first 64 bits); an IPv4 key is {@code address << 32} in {@code hi} and 0 in {@code lo}. What
 * it owns:
 *
 * <ul>
 *   <li>Routes no longer than {@code directBits} ("short" routes, which cover whole chunks): one
 *       {@code char[]} of next hops per length, indexed by the prefix's bits. At most 2^(s+1)
 *       chars in all (1 MB for IPv4's s = 18), allocated per length on first use.
 *   <li>{@link #chunkDefault}: per chunk, the next hop of the longest short route covering it,
 *       maintained by the caller through {@link #coveringShortHop(int)}.
 *   <li>Longer routes: per chunk, one sorted {@code long[]} of records, no object per route. An
 *       IPv4 record is one long, {@code hi | length << 16 | nextHop} (hi's low 32 bits are free);
 *       an IPv6 record is three longs, {@code hi, lo, length << 16 | nextHop}. Records sort by key
 *       then length, which is prefix pre-order: a prefix comes before its more-specifics, so a
 *       builder that paints records in order leaves each slot with its longest match.
 * </ul>
 *
 * <p>Insert and remove are a binary search and an array copy within one chunk. Not thread-safe:
 * it belongs to the FIB's single writer.
 */
final class PrefixStore {
  final int directBits;
  final boolean wide;
  private final int recordLongs;

  private final char[][] shortHops;
  final char[] chunkDefault;
  private final long[][] chunks;
  private final int[] chunkCounts;
  private int size;

  PrefixStore(int directBits, boolean wide) {
    this.directBits = directBits;
    this.wide = wide;
    this.recordLongs = wide ? 3 : 1;
    this.shortHops = new char[directBits + 1][];
    this.chunkDefault = new char[1 << directBits];
    this.chunks = new long[1 << directBits][];
    this.chunkCounts = new int[1 << directBits];
  }

  /** Number of routes, short and long. */
  int size() {
    return size;
  }

  int chunkCount() {
    return chunks.length;
  }

  /** The chunk (direct entry) a key falls in. */
  int chunkOf(long hi) {
    return (int) (hi >>> (64 - directBits));
  }

  /** The records of a chunk, {@link #count(int)} of them; null when it never had any. */
  long[] records(int chunk) {
    return chunks[chunk];
  }

  int count(int chunk) {
    return chunkCounts[chunk];
  }

  long hi(long[] records, int i) {
    return wide ? records[3 * i] : records[i] & 0xFFFF_FFFF_0000_0000L;
  }

  long lo(long[] records, int i) {
    return wide ? records[3 * i + 1] : 0;
  }

  int length(long[] records, int i) {
    return (int) ((wide ? records[3 * i + 2] : records[i]) >>> 16) & 0xFF;
  }

  int nextHop(long[] records, int i) {
    return (int) (wide ? records[3 * i + 2] : records[i]) & 0xFFFF;
  }

  /** Adds or replaces a route; returns the next hop it had, or 0. The key is canonical. */
  int put(long hi, long lo, int length, int nextHop) {
    if (length <= directBits) {
      char[] table = shortHops[length];
      if (table == null) {
        table = shortHops[length] = new char[1 << length];
      }
      int index = shortIndex(hi, length);
      int previous = table[index];
      table[index] = (char) nextHop;
      if (previous == 0) {
        size++;
      }
      return previous;
    }
    int chunk = chunkOf(hi);
    long[] records = chunks[chunk];
    int count = chunkCounts[chunk];
    int at = search(records, count, hi, lo, length);
    if (at >= 0) {
      int previous = nextHop(records, at);
      setNextHop(records, at, nextHop);
      return previous;
    }
    at = -at - 1;
    int w = recordLongs;
    if (records == null) {
      records = chunks[chunk] = new long[4 * w];
    } else if ((count + 1) * w > records.length) {
      records = chunks[chunk] = Arrays.copyOf(records, records.length * 2);
    }
    System.arraycopy(records, at * w, records, (at + 1) * w, (count - at) * w);
    if (wide) {
      records[3 * at] = hi;
      records[3 * at + 1] = lo;
      records[3 * at + 2] = (long) length << 16 | nextHop;
    } else {
      records[at] = hi | (long) length << 16 | nextHop;
    }
    chunkCounts[chunk] = count + 1;
    size++;
    return 0;
  }

  /** Removes a route; returns the next hop it had, or 0 when there was none. */
  int remove(long hi, long lo, int length) {
    if (length <= directBits) {
      char[] table = shortHops[length];
      if (table == null) {
        return 0;
      }
      int index = shortIndex(hi, length);
      int previous = table[index];
      if (previous != 0) {
        table[index] = 0;
        size--;
      }
      return previous;
    }
    int chunk = chunkOf(hi);
    long[] records = chunks[chunk];
    int count = chunkCounts[chunk];
    int at = search(records, count, hi, lo, length);
    if (at < 0) {
      return 0;
    }
    int previous = nextHop(records, at);
    int w = recordLongs;
    System.arraycopy(records, (at + 1) * w, records, at * w, (count - at - 1) * w);
    count--;
    chunkCounts[chunk] = count;
    if (count == 0) {
      chunks[chunk] = null;
    } else if (records.length > 16 * w && count * w * 4 < records.length) {
      chunks[chunk] = Arrays.copyOf(records, records.length / 2);
    }
    size--;
    return previous;
  }

  /** The next hop of exactly this route, or 0. */
  int get(long hi, long lo, int length) {
    if (length <= directBits) {
      char[] table = shortHops[length];
      return table == null ? 0 : table[shortIndex(hi, length)];
    }
    int chunk = chunkOf(hi);
    int at = search(chunks[chunk], chunkCounts[chunk], hi, lo, length);
    return at < 0 ? 0 : nextHop(chunks[chunk], at);
  }

  /** Visits one route: its left-aligned key, length and next hop. */
  interface RouteVisitor {
    void route(long hi, long lo, int length, int nextHop);
  }

  /** Visits every route, short ones first, then each chunk's in key order. */
  void forEach(RouteVisitor visitor) {
    for (int length = 0; length <= directBits; length++) {
      char[] table = shortHops[length];
      for (int index = 0; table != null && index < table.length; index++) {
        if (table[index] != 0) {
          visitor.route(length == 0 ? 0 : (long) index << (64 - length), 0, length, table[index]);
        }
      }
    }
    for (int chunk = 0; chunk < chunks.length; chunk++) {
      long[] records = chunks[chunk];
      for (int i = 0; i < chunkCounts[chunk]; i++) {
        visitor.route(hi(records, i), lo(records, i), length(records, i), nextHop(records, i));
      }
    }
  }

  /** The next hop of the longest short route covering a chunk, or 0. */
  int coveringShortHop(int chunk) {
    for (int length = directBits; length >= 0; length--) {
      char[] table = shortHops[length];
      if (table != null) {
        int hop = table[chunk >>> (directBits - length)];
        if (hop != 0) {
          return hop;
        }
      }
    }
    return 0;
  }

  private static int shortIndex(long hi, int length) {
    return length == 0 ? 0 : (int) (hi >>> (64 - length));
  }

  private void setNextHop(long[] records, int i, int nextHop) {
    int at = wide ? 3 * i + 2 : i;
    records[at] = records[at] & ~0xFFFFL | nextHop;
  }

  /** Binary search by (hi, lo, length), unsigned; -(insertion point) - 1 when absent. */
  private int search(long[] records, int count, long hi, long lo, int length) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = Long.compareUnsigned(hi(records, mid), hi);
      if (c == 0) {
        c = Long.compareUnsigned(lo(records, mid), lo);
      }
      if (c == 0) {
        c = Integer.compare(length(records, mid), length);
      }
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }
}
