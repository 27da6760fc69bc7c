package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.ListSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The key of a list entry: the values of the list's key leaves, in key order. Entries of lists
 * ordered by the system sort by key with {@link #ORDER}: numbers by value, strings in natural
 * order (eth2 before eth10), so configuration reads the way people number things.
 */
public record ListKey(List<Object> values) {
  public ListKey {
    values = List.copyOf(values);
  }

  /** The key's values as text, space-separated, as the CLI shows them. */
  public String format(ListSchema list) {
    List<String> parts = new ArrayList<>();
    List<LeafSchema> keys = list.keys();
    for (int i = 0; i < values.size(); i++) {
      parts.add(CliText.quoteIfNeeded(keys.get(i).type().format(values.get(i))));
    }
    return String.join(" ", parts);
  }

  public static final Comparator<ListKey> ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.values.size(), b.values.size()); i++) {
      int c = compareValues(a.values.get(i), b.values.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.values.size(), b.values.size());
  };

  /** Orders two leaf values: numerically when both are numbers, naturally when text. */
  public static int compareValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y));
    }
    if (a instanceof String x && b instanceof String y) {
      return naturalCompare(x, y);
    }
    return a.toString().compareTo(b.toString());
  }

  private static BigDecimal decimal(Number n) {
    return switch (n) {
      case BigDecimal d -> d;
      case BigInteger i -> new BigDecimal(i);
      default -> BigDecimal.valueOf(n.longValue());
    };
  }

  /** Compares runs of digits by value and everything else character by character. */
  static int naturalCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
        if (c != 0) {
          return c;
        }
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }
}
