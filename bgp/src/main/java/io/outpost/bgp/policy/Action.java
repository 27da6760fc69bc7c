package io.outpost.bgp.policy;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.stream.IntStream;

/** One change a matching policy term makes to a route's attributes. */
@FunctionalInterface
public interface Action {
  PathAttributes apply(PathAttributes attributes);

  static Action localPreference(long value) {
    return a -> a.toBuilder().localPref(value).build();
  }

  static Action med(long value) {
    return a -> a.toBuilder().med(value).build();
  }

  static Action nextHop(InetAddress address) {
    return a -> a.toBuilder().nextHop(address).build();
  }

  /** Prepends {@code as} {@code times} times to the AS path (lengthens it to be less preferred). */
  static Action prepend(long as, int times) {
    return a -> a.toBuilder().asPath(AsPath.prepend(a.asPath(), as, times)).build();
  }

  /** Adds these communities to the route's (each once). */
  static Action addCommunities(int[] add) {
    int[] copy = add.clone();
    return a -> {
      int[] have = a.communities();
      int[] extra = IntStream.of(copy).filter(c -> IntStream.of(have).noneMatch(h -> h == c))
          .distinct().toArray();
      if (extra.length == 0) {
        return a;
      }
      int[] out = Arrays.copyOf(have, have.length + extra.length);
      System.arraycopy(extra, 0, out, have.length, extra.length);
      return a.toBuilder().communities(out).build();
    };
  }

  /** Replaces the route's communities by these (none: removes them all). */
  static Action setCommunities(int[] set) {
    int[] copy = IntStream.of(set).distinct().toArray();
    return a -> a.toBuilder().communities(copy.clone()).build();
  }

  /** Removes these communities from the route's. */
  static Action removeCommunities(int[] remove) {
    int[] copy = remove.clone();
    return a -> {
      int[] kept = IntStream.of(a.communities())
          .filter(c -> IntStream.of(copy).noneMatch(r -> r == c)).toArray();
      return kept.length == a.communities().length ? a : a.toBuilder().communities(kept).build();
    };
  }

  /** Adds these large communities (three ints each) to the route's, each once. */
  static Action addLargeCommunities(int[] add) {
    int[] copy = add.clone();
    return a -> {
      int[] have = a.largeCommunities();
      int[] out = Arrays.copyOf(have, have.length + copy.length);
      int n = have.length;
      for (int j = 0; j + 2 < copy.length; j += 3) {
        boolean present = false;
        for (int i = 0; i + 2 < n; i += 3) {
          present |= out[i] == copy[j] && out[i + 1] == copy[j + 1] && out[i + 2] == copy[j + 2];
        }
        if (!present) {
          System.arraycopy(copy, j, out, n, 3);
          n += 3;
        }
      }
      return n == have.length ? a : a.toBuilder().largeCommunities(Arrays.copyOf(out, n)).build();
    };
  }
}
