package io.outpost.dataplane.fib;

import java.util.TreeMap;

/** PLACEHOLDER until the poptrie FIB lands from branch fib: a naive longest-prefix match. */
public final class Ipv4Fib {
  private volatile TreeMap<Long, Integer> published = new TreeMap<>();
  private final TreeMap<Long, Integer> pending = new TreeMap<>();

  private static long key(int prefix, int length) {
    return ((long) length << 32) | (prefix & 0xffffffffL);
  }

  public void insert(int prefix, int length, int nextHop) {
    pending.put(key(prefix, length), nextHop);
  }

  public void remove(int prefix, int length) {
    pending.remove(key(prefix, length));
  }

  public void publish() {
    published = new TreeMap<>(pending);
  }

  public int lookup(int address) {
    TreeMap<Long, Integer> map = published;
    for (int length = 32; length >= 0; length--) {
      int mask = length == 0 ? 0 : -1 << (32 - length);
      Integer nh = map.get(key(address & mask, length));
      if (nh != null) {
        return nh;
      }
    }
    return 0;
  }
}
