package io.outpost.bgp.policy;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import java.util.List;

/**
 * One thing a policy term matches on. A term matches when all its conditions do; a condition
 * with several values (communities) matches when any of them is present.
 */
@FunctionalInterface
public interface Condition {
  boolean test(Family family, long hi, long lo, int length, PathAttributes attributes);

  /** The route's family is {@code family}. */
  static Condition family(Family wanted) {
    return (family, hi, lo, length, a) -> family == wanted;
  }

  /** The prefix list permits the route's prefix. */
  static Condition prefixList(PrefixList list) {
    return list::permitsRoute;
  }

  /** Any of the regular expressions matches the AS path. */
  static Condition asPath(List<AsPathRegex> any) {
    List<AsPathRegex> copy = List.copyOf(any);
    return (family, hi, lo, length, a) -> {
      for (AsPathRegex r : copy) {
        if (r.matches(a.asPath())) {
          return true;
        }
      }
      return false;
    };
  }

  /** The route carries at least one of these communities. */
  static Condition community(int[] any) {
    int[] copy = any.clone();
    return (family, hi, lo, length, a) -> {
      for (int have : a.communities()) {
        for (int want : copy) {
          if (have == want) {
            return true;
          }
        }
      }
      return false;
    };
  }

  /** The route carries at least one of these large communities (three ints each). */
  static Condition largeCommunity(int[] any) {
    int[] copy = any.clone();
    return (family, hi, lo, length, a) -> {
      int[] have = a.largeCommunities();
      for (int i = 0; i + 2 < have.length; i += 3) {
        for (int j = 0; j + 2 < copy.length; j += 3) {
          if (have[i] == copy[j] && have[i + 1] == copy[j + 1] && have[i + 2] == copy[j + 2]) {
            return true;
          }
        }
      }
      return false;
    };
  }
}
