package io.outpost.dataplane.fib;

import java.util.HashMap;
import java.util.List;

/** PLACEHOLDER until the poptrie FIB lands from branch fib: a naive longest-prefix match. */
public final class Ipv6Fib {
  private volatile HashMap<List<Long>, Integer> published = new HashMap<>();
  private final HashMap<List<Long>, Integer> pending = new HashMap<>();

  public void insert(long hi, long lo, int length, int nextHop) {
    pending.put(List.of(hi, lo, (long) length), nextHop);
  }

  public void remove(long hi, long lo, int length) {
    pending.remove(List.of(hi, lo, (long) length));
  }

  public void publish() {
    published = new HashMap<>(pending);
  }

  public int lookup(long hi, long lo) {
    HashMap<List<Long>, Integer> map = published;
    for (int length = 128; length >= 0; length--) {
      long mh = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
      long ml = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
      Integer nh = map.get(List.of(hi & mh, lo & ml, (long) length));
      if (nh != null) {
        return nh;
      }
    }
    return 0;
  }
}
