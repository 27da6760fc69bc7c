package io.outpost.bgp.attr;

import java.util.Arrays;

/**
 * AS_PATH values (RFC 4271 section 4.3, four-octet ASNs per RFC 6793) kept as one flat
 * {@code int[]}: for each segment its type, its count, then its AS numbers (unsigned). Flat
 * arrays keep a path one object, compare with {@link Arrays#equals} and intern cheaply; these
 * helpers read, build and print them.
 */
public final class AsPath {
  public static final int AS_SET = 1;
  public static final int AS_SEQUENCE = 2;
  public static final int AS_CONFED_SEQUENCE = 3;
  public static final int AS_CONFED_SET = 4;
  public static final int[] EMPTY = {};

  private AsPath() {}

  /**
   * The length best-path selection counts (RFC 4271 section 9.1.2.2): each AS of a sequence,
   * one per set, nothing for confederation segments (RFC 5065).
   */
  public static int length(int[] path) {
    int length = 0;
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      switch (path[at]) {
        case AS_SEQUENCE -> length += path[at + 1];
        case AS_SET -> length += 1;
        default -> { }
      }
    }
    return length;
  }

  /** Whether {@code as} appears anywhere in the path (loop detection, RFC 4271 9.1.2). */
  public static boolean contains(int[] path, long as) {
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      for (int i = 0; i < path[at + 1]; i++) {
        if ((path[at + 2 + i] & 0xffff_ffffL) == as) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The AS a route came from for MED comparison (RFC 4271 9.1.2.2 c): the first AS of the
   * first AS_SEQUENCE, or -1 when the path starts otherwise (locally originated, or a set).
   */
  public static long neighborAs(int[] path) {
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      if (path[at] == AS_SEQUENCE && path[at + 1] > 0) {
        return path[at + 2] & 0xffff_ffffL;
      }
      if (path[at] != AS_CONFED_SEQUENCE && path[at] != AS_CONFED_SET) {
        return -1;
      }
    }
    return -1;
  }

  /** The path with {@code as} put in front {@code times} times, as an eBGP speaker does. */
  public static int[] prepend(int[] path, long as, int times) {
    if (times <= 0) {
      return path;
    }
    if (path.length > 0 && path[0] == AS_SEQUENCE && path[1] + times <= 255) {
      int[] out = new int[path.length + times];
      out[0] = AS_SEQUENCE;
      out[1] = path[1] + times;
      Arrays.fill(out, 2, 2 + times, (int) as);
      System.arraycopy(path, 2, out, 2 + times, path.length - 2);
      return out;
    }
    int[] out = new int[path.length + 2 + times];
    out[0] = AS_SEQUENCE;
    out[1] = times;
    Arrays.fill(out, 2, 2 + times, (int) as);
    System.arraycopy(path, 0, out, 2 + times, path.length);
    return out;
  }

  /** A path of one AS_SEQUENCE. */
  public static int[] sequence(long... ases) {
    if (ases.length == 0) {
      return EMPTY;
    }
    int[] out = new int[2 + ases.length];
    out[0] = AS_SEQUENCE;
    out[1] = ases.length;
    for (int i = 0; i < ases.length; i++) {
      out[2 + i] = (int) ases[i];
    }
    return out;
  }

  /** The AS numbers in order, sets and confederation segments flattened (for regex matching). */
  public static String toString(int[] path) {
    StringBuilder s = new StringBuilder();
    for (int at = 0; at < path.length; at += 2 + path[at + 1]) {
      String open = switch (path[at]) {
        case AS_SET -> "{";
        case AS_CONFED_SEQUENCE -> "(";
        case AS_CONFED_SET -> "[";
        default -> "";
      };
      String close = switch (path[at]) {
        case AS_SET -> "}";
        case AS_CONFED_SEQUENCE -> ")";
        case AS_CONFED_SET -> "]";
        default -> "";
      };
      if (!s.isEmpty()) {
        s.append(' ');
      }
      s.append(open);
      for (int i = 0; i < path[at + 1]; i++) {
        s.append(i == 0 ? "" : path[at] == AS_SET || path[at] == AS_CONFED_SET ? "," : " ")
            .append(path[at + 2 + i] & 0xffff_ffffL);
      }
      s.append(close);
    }
    return s.toString();
  }
}
