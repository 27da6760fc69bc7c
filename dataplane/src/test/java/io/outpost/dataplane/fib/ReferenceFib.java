package io.outpost.dataplane.fib;

import java.util.HashMap;
import java.util.Map;

/**
 * The obviously correct FIB the tests compare against: one hash map per prefix length, probed
 * from the longest length down. Keys are 128-bit left-aligned like the real thing (an IPv4
 * address is {@code address << 32} in {@code hi}); slow and big, which does not matter here.
 */
final class ReferenceFib {
  private record Key(long hi, long lo) {}

  private final int keyBits;
  private final Map<Key, Integer>[] byLength;

  @SuppressWarnings("unchecked")
  ReferenceFib(int keyBits) {
    this.keyBits = keyBits;
    this.byLength = new Map[keyBits + 1];
    for (int i = 0; i <= keyBits; i++) {
      byLength[i] = new HashMap<>();
    }
  }

  static ReferenceFib ipv4() {
    return new ReferenceFib(32);
  }

  static ReferenceFib ipv6() {
    return new ReferenceFib(128);
  }

  int insert(long hi, long lo, int length, int nextHop) {
    Integer previous = byLength[length].put(new Key(hi, lo), nextHop);
    return previous == null ? 0 : previous;
  }

  int remove(long hi, long lo, int length) {
    Integer previous = byLength[length].remove(new Key(hi, lo));
    return previous == null ? 0 : previous;
  }

  int lookup(long hi, long lo) {
    for (int length = keyBits; length >= 0; length--) {
      Map<Key, Integer> routes = byLength[length];
      if (routes.isEmpty()) {
        continue;
      }
      Integer hop = routes.get(new Key(hi & maskHi(length), lo & maskLo(length)));
      if (hop != null) {
        return hop;
      }
    }
    return 0;
  }

  int lookup4(int address) {
    return lookup((long) address << 32, 0);
  }

  int size() {
    int n = 0;
    for (Map<Key, Integer> routes : byLength) {
      n += routes.size();
    }
    return n;
  }

  static long maskHi(int length) {
    return length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
  }

  static long maskLo(int length) {
    return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
  }
}
