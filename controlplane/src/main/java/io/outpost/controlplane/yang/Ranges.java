package io.outpost.controlplane.yang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A YANG {@code range} or {@code length} restriction (RFC 7950 §9.2.4, §9.4.4): disjoint,
 * ascending intervals such as {@code 1..10 | 20..max}. Bounds are decimals so that one class
 * serves integers, decimal64 and lengths.
 */
public record Ranges(List<Interval> intervals) {

  /** One closed interval. */
  public record Interval(BigDecimal min, BigDecimal max) {
    boolean contains(BigDecimal v) {
      return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
    }

    @Override
    public String toString() {
      return min.compareTo(max) == 0 ? plain(min) : plain(min) + ".." + plain(max);
    }
  }

  public static Ranges of(BigDecimal min, BigDecimal max) {
    return new Ranges(List.of(new Interval(min, max)));
  }

  /**
   * Parses a range expression; {@code min} and {@code max} stand for the bounds of the type
   * being restricted, which are the bounds of {@code base}.
   */
  public static Ranges parse(String expression, Ranges base) {
    List<Interval> intervals = new ArrayList<>();
    for (String part : expression.split("\\|")) {
      String p = part.trim();
      int dots = p.indexOf("..");
      BigDecimal lo;
      BigDecimal hi;
      if (dots < 0) {
        lo = bound(p, base);
        hi = lo;
      } else {
        lo = bound(p.substring(0, dots).trim(), base);
        hi = bound(p.substring(dots + 2).trim(), base);
      }
      if (lo.compareTo(hi) > 0) {
        throw new IllegalArgumentException("interval " + p + " is empty");
      }
      if (!intervals.isEmpty() && intervals.getLast().max.compareTo(lo) >= 0) {
        throw new IllegalArgumentException("intervals must be disjoint and ascending: " + expression);
      }
      if (!base.contains(lo) || !base.contains(hi)) {
        throw new IllegalArgumentException(p + " is not within the base type's " + base);
      }
      intervals.add(new Interval(lo, hi));
    }
    return new Ranges(intervals);
  }

  private static BigDecimal bound(String text, Ranges base) {
    return switch (text) {
      case "min" -> base.intervals.getFirst().min;
      case "max" -> base.intervals.getLast().max;
      default -> new BigDecimal(text);
    };
  }

  public boolean contains(BigDecimal v) {
    for (Interval i : intervals) {
      if (i.contains(v)) {
        return true;
      }
    }
    return false;
  }

  public boolean contains(long v) {
    return contains(BigDecimal.valueOf(v));
  }

  @Override
  public String toString() {
    return intervals.stream().map(Interval::toString).collect(Collectors.joining(" | "));
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }
}
