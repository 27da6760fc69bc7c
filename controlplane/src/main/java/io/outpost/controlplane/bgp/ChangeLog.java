package io.outpost.controlplane.bgp;

import io.outpost.controlplane.routing.LearnedRoutes;
import java.util.Arrays;

/**
 * BGP's best-route changes of one family in the order they happened, until the routing table
 * replays them: appended on the speaker's event loop, read on the routing table's thread after
 * a hand-off ({@link BgpRoutes} does both). Appending writes the next slots of two arrays,
 * where a table keyed by prefix (which kept only the last change of each) missed the cache once
 * per change in a table of a million prefixes; a prefix that changes twice before the replay is
 * in the log twice, and the later entry is the one that holds.
 *
 * <p>An IPv4 entry is one long ({@code address << 8 | length}), an IPv6 one three (high word,
 * low word, length), beside the path (null: the prefix has no route any more).
 */
final class ChangeLog {
  private final boolean ipv6;
  private final int stride;
  private long[] keys;
  private LearnedRoutes.Path[] paths;
  private int size;

  ChangeLog(boolean ipv6) {
    this.ipv6 = ipv6;
    this.stride = ipv6 ? 3 : 1;
    keys = new long[16 * stride];
    paths = new LearnedRoutes.Path[16];
  }

  void add(long hi, long lo, int length, LearnedRoutes.Path path) {
    if (size == paths.length) {
      keys = Arrays.copyOf(keys, 2 * keys.length);
      paths = Arrays.copyOf(paths, 2 * paths.length);
    }
    if (ipv6) {
      keys[3 * size] = hi;
      keys[3 * size + 1] = lo;
      keys[3 * size + 2] = length;
    } else {
      keys[size] = hi << 8 | length;
    }
    paths[size++] = path;
  }

  int size() {
    return size;
  }

  /** Visits the changes oldest first. */
  void forEach(LearnedRoutes.Visitor visitor) {
    for (int i = 0; i < size; i++) {
      if (ipv6) {
        visitor.visit(true, keys[3 * i], keys[3 * i + 1], (int) keys[3 * i + 2], paths[i]);
      } else {
        visitor.visit(false, keys[i] >>> 8, 0, (int) (keys[i] & 0xff), paths[i]);
      }
    }
  }

  /**
   * Forgets the changes. The arrays are kept for the next ones, unless these used less than a
   * quarter of them: then they shrink back, so that a full table's burst is not held for good.
   */
  void clear() {
    if (paths.length > 1 << 16 && size < paths.length / 4) {
      keys = new long[16 * stride];
      paths = new LearnedRoutes.Path[16];
    } else {
      Arrays.fill(paths, 0, size, null);
    }
    size = 0;
  }
}
