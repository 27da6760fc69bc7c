package io.outpost.controlplane.yang;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Random valid values for the leaf types of Outpost's modules, in text form: integers anywhere in
 * their ranges and often at the bounds, every enum, addresses and prefixes (often not in
 * canonical form: upper case, leading zeros, uncompressed, which parsing must canonicalise), names
 * that match their patterns, and free text with quotes, tabs, newlines and characters beyond
 * ASCII and beyond the BMP.
 *
 * <p>A string typedef with patterns needs a generator here; one without fails loudly, so a new
 * typedef cannot slip into the random configurations untested. Leafref values are not random: they
 * come from the configuration being built ({@link RandomConfigs}).
 */
final class RandomValues {
  private static final String TYPES = "outpost-types:";

  private static final Map<String, Function<Random, String>> STRINGS = Map.ofEntries(
      Map.entry("outpost-snmp:oid", RandomValues::oid),
      Map.entry(TYPES + "ipv4-address", RandomValues::ipv4),
      Map.entry(TYPES + "ipv6-address", r -> ipv6(r, bytes(r, 16))),
      Map.entry(TYPES + "ipv4-prefix", r -> network(r, 4)),
      Map.entry(TYPES + "ipv6-prefix", r -> network(r, 16)),
      Map.entry(TYPES + "ipv4-interface-address", r -> ipv4(r) + "/" + r.nextInt(33)),
      Map.entry(TYPES + "ipv6-interface-address", r -> ipv6(r, bytes(r, 16)) + "/" + r.nextInt(129)),
      Map.entry(TYPES + "domain-name", RandomValues::domainName),
      Map.entry(TYPES + "interface-name", RandomValues::interfaceName),
      Map.entry(TYPES + "mac-address", RandomValues::macAddress),
      Map.entry("outpost-policy:name", RandomValues::policyName));

  /** Free text: printable ASCII with the characters that need quoting, and beyond. */
  private static final int[] TEXT = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
      + " \"\\'#;{}|\t\n\r.-_/éß東京\u05d0\u0301\u00a0\u2028\ud83d\ude00\ud800\udf48").codePoints().toArray();

  private RandomValues() {}

  /** A valid value of {@code type} in text form (not a leafref: see the class comment). */
  static String text(LeafType type, Random r) {
    return switch (type) {
      case IntegerType i -> integer(i.ranges(), r).toString();
      case BooleanType b -> Boolean.toString(r.nextBoolean());
      case EnumerationType e -> e.values().get(r.nextInt(e.values().size())).name();
      case EmptyType e -> "";
      case StringType s -> string(s, r);
      case UnionType u -> {
        List<LeafType> members = u.members().stream().filter(m -> !(m instanceof LeafrefType)).toList();
        yield text(members.get(r.nextInt(members.size())), r);
      }
      case LeafrefType ref ->
          throw new IllegalArgumentException("leafref values come from the configuration: " + ref.path());
      case DecimalType d -> throw new IllegalStateException("no generator for decimal64 (" + d.name()
          + "): Outpost's modules had no decimal64 leaf when this was written; add one");
    };
  }

  private static BigInteger integer(Ranges ranges, Random r) {
    Ranges.Interval in = ranges.intervals().get(r.nextInt(ranges.intervals().size()));
    BigInteger lo = in.min().toBigIntegerExact();
    BigInteger hi = in.max().toBigIntegerExact();
    return switch (r.nextInt(4)) {
      case 0 -> lo;
      case 1 -> hi;
      default -> {
        BigInteger span = hi.subtract(lo).add(BigInteger.ONE);
        yield lo.add(new BigInteger(span.bitLength() + 8, r).mod(span));
      }
    };
  }

  private static String string(StringType s, Random r) {
    Function<Random, String> generator = STRINGS.get(s.name());
    if (generator != null) {
      return generator.apply(r);
    }
    if (!s.patterns().isEmpty()) {
      throw new IllegalStateException("no generator for " + s.name() + ", a string with a pattern: add one to"
          + " RandomValues and candidates to ValueCandidates");
    }
    Ranges.Interval lengths = s.lengths().intervals().getFirst();
    int min = lengths.min().intValueExact();
    int max = lengths.max().min(BigDecimal.valueOf(min + 40L)).intValueExact();
    // The longest allowed value now and then, when it is of a size a person would write.
    int length = r.nextInt(10) == 0 && lengths.max().compareTo(BigDecimal.valueOf(1000)) <= 0
        ? lengths.max().intValueExact() : min + r.nextInt(max - min + 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(TEXT[r.nextInt(TEXT.length)]);
    }
    return out.toString();
  }

  /** An OBJECT IDENTIFIER in dotted numbers: an arc 0 to 2, then one to a dozen more. */
  private static String oid(Random r) {
    StringBuilder out = new StringBuilder().append(r.nextInt(3));
    for (int i = r.nextInt(12); i >= 0; i--) {
      out.append('.').append(r.nextInt(4) == 0 ? r.nextInt(Integer.MAX_VALUE) : r.nextInt(50));
    }
    return out.toString();
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    // Runs of zero groups, so that "::" compression is exercised.
    for (int i = 0; i < n; i += 2) {
      if (r.nextInt(5) < 2) {
        b[i] = 0;
        b[i + 1] = 0;
      }
    }
    return b;
  }

  private static String ipv4(Random r) {
    return ipv4(bytes(r, 4));
  }

  private static String ipv4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  /** IPv6 text in a random one of its valid forms: case, leading zeros, with or without "::". */
  private static String ipv6(Random r, byte[] b) {
    String[] groups = new String[8];
    for (int g = 0; g < 8; g++) {
      String hex = Integer.toHexString(((b[2 * g] & 0xff) << 8) | (b[2 * g + 1] & 0xff));
      if (r.nextInt(4) == 0) {
        hex = "0".repeat(r.nextInt(5 - hex.length())) + hex;
      }
      groups[g] = r.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex;
    }
    // "::" may stand for any one run of zero groups, not only the longest (RFC 4291 section 2.2).
    int start = r.nextInt(8);
    int end = start;
    while (end < 8 && b[2 * end] == 0 && b[2 * end + 1] == 0) {
      end++;
    }
    if (end == start || r.nextInt(4) == 0) {
      return String.join(":", groups);
    }
    return String.join(":", List.of(groups).subList(0, start)) + "::"
        + String.join(":", List.of(groups).subList(end, 8));
  }

  /** A network prefix: a random address with its host bits cleared. */
  private static String network(Random r, int size) {
    byte[] b = bytes(r, size);
    int length = r.nextInt(size * 8 + 1);
    for (int bit = length; bit < size * 8; bit++) {
      b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return (size == 4 ? ipv4(b) : ipv6(r, b)) + "/" + length;
  }

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String ALNUM = LETTERS + "0123456789";

  private static String domainName(Random r) {
    if (r.nextInt(50) == 0) {
      return "."; // the root, which the typedef allows
    }
    StringBuilder out = new StringBuilder();
    int labels = 1 + r.nextInt(4);
    for (int i = 0; i < labels; i++) {
      int length = r.nextInt(20) == 0 ? 63 : 1 + r.nextInt(12);
      if (out.length() + 1 + length > 252) {
        break; // the typedef's length is 1..253, with room for a final dot
      }
      if (i > 0) {
        out.append('.');
      }
      // A label is 1..63 characters, starts with a letter, digit or '_' and ends with a letter or digit.
      if (length > 1) {
        out.append(pick(ALNUM + "_", r));
        for (int c = 1; c < length - 1; c++) {
          out.append(pick(ALNUM + "-_", r));
        }
      }
      // the last label may not be all digits (outpost-types refuses what a resolver reads as IPv4)
      out.append(i == labels - 1 ? pick(LETTERS, r) : pick(ALNUM, r));
    }
    if (r.nextInt(10) == 0) {
      out.append('.');
    }
    return out.toString();
  }

  private static String interfaceName(Random r) {
    StringBuilder out = new StringBuilder().append(pick(ALNUM, r));
    int length = 1 + r.nextInt(15);
    while (out.length() < length) {
      out.append(pick(ALNUM + "._-", r));
    }
    return out.toString();
  }

  private static String policyName(Random r) {
    StringBuilder out = new StringBuilder().append(pick(ALNUM, r));
    int length = 1 + r.nextInt(r.nextInt(8) == 0 ? 64 : 12);
    while (out.length() < length) {
      out.append(pick(ALNUM + "._-", r));
    }
    return out.toString();
  }

  private static String macAddress(Random r) {
    byte[] b = new byte[6];
    r.nextBytes(b);
    StringBuilder out = new StringBuilder();
    for (byte x : b) {
      out.append(out.isEmpty() ? "" : ":").append("%02x".formatted(x & 0xff));
    }
    return r.nextBoolean() ? out.toString().toUpperCase(Locale.ROOT) : out.toString();
  }

  private static char pick(String chars, Random r) {
    return chars.charAt(r.nextInt(chars.length()));
  }
}
