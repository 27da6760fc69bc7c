package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Values to try on a leaf type, valid and not, for the differential test against yanglint: the
 * bounds and one past them, the lexical forms a parser might get wrong (signs, leading zeros, hex,
 * white space, digits of other scripts), addresses with host bits set or leading zeros, upper-case
 * IPv6, empty and over-long strings, and the characters that YANG strings exclude.
 *
 * <p>Each candidate comes in two forms: the text form (what the CLI and NETCONF's XML carry, read
 * by {@link LeafType#parse}) and the RFC 7951 JSON form (read by {@link LeafType#fromJson}), which
 * adds JSON-only cases such as a number written as a string or with an exponent.
 *
 * <p>The first candidate of every list is valid: the test checks that both sides accept it,
 * which proves the document around the value sound. A string typedef with patterns needs a list
 * here; one without fails loudly, so that a new typedef cannot go untested.
 */
final class ValueCandidates {
  private static final String TYPES = "outpost-types:";

  private static final List<String> IPV4_ADDRESSES = List.of(
      "0.0.0.0", "192.0.2.1", "255.255.255.255", "256.0.0.1", "192.0.2.256", "192.0.2", "192.0.2.1.5",
      "010.0.0.1", "192.0.2.01", "192.0.2.-1", " 192.0.2.1", "192.0.2.1 ", "0x7f.0.0.1", "127.1",
      "\u0661\u0669\u0662.0.2.1", "192.0.2.1/32", "::ffff:192.0.2.1", "");

  private static final List<String> IPV6_ADDRESSES = List.of(
      "::", "::1", "2001:db8::1", "2001:DB8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8:0:0:0:0:0:1",
      "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "0:0:0:0:0:0:0:0", "fe80::1", "2001:db8::1::2",
      "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "2001:db8::00001", ":1", "1:", ":",
      "1::2:", "g::1", "::ffff:192.0.2.1", "fe80::1%eth0", "2001:db8::1/64", " ::1", "");

  private static final List<String> IPV4_PREFIXES = List.of(
      "0.0.0.0/0", "10.0.0.0/8", "192.0.2.0/24", "192.0.2.128/25", "255.255.255.255/32", "192.0.2.1/24",
      "1.2.3.4/0", "192.0.2.0/33", "192.0.2.0/024", "10.0.0.0/08", "192.0.2.0/", "192.0.2.0", "192.0.2.0/-1",
      "010.0.0.0/8", "192.0.2.0/24/24", "192.0.2.0 /24", "/24", "192.0.2.0/255.255.255.0", "");

  private static final List<String> IPV6_PREFIXES = List.of(
      "::/0", "2001:db8::/32", "2001:DB8::/32", "2001:db8:0:0::/64", "2001:db8::/128", "fe80::/10",
      "2001:0db8:0000:0000:0000:0000:0000:0000/128", "2001:db8::1/64", "::1/0", "2001:db8::/129",
      "2001:db8::/032", "2001:db8::/", "2001:db8::", "2001:db8::1::/64", "2001:db8:::/64", "12345::/16",
      "::ffff:0.0.0.0/96", "2001:db8::/64 ", "");

  private static final List<String> IPV4_INTERFACE_ADDRESSES = List.of(
      "192.0.2.1/24", "192.0.2.0/24", "192.0.2.255/24", "0.0.0.0/0", "192.0.2.1/32", "192.0.2.1/0",
      "192.0.2.1/33", "192.0.2.1", "192.0.2.01/24", "192.0.2.1/024", "256.0.0.1/24", "192.0.2.1/24 ", "");

  private static final List<String> IPV6_INTERFACE_ADDRESSES = List.of(
      "2001:db8::1/64", "2001:DB8::1/64", "2001:db8::/64", "::1/128", "fe80::1/64", "::/0",
      "2001:0db8:0000:0000:0000:0000:0000:0001/128", "2001:db8::1/129", "2001:db8::1", "2001:db8::1::2/64",
      "2001:db8::1/064", "12345::1/64", "2001:db8::1/", "");

  private static final String LABEL_63 = "a" + "b".repeat(61) + "c";

  private static final List<String> DOMAIN_NAMES = List.of(
      "outpost", "edge1.example.net", "edge1.example.net.", ".", "a", "A", "EDGE1.Example.NET",
      "_sip._tcp.example.net", "xn--mnchen-3ya.de", "1.2.3.4", "1.2.3.256", "010.0.0.1", LABEL_63,
      LABEL_63 + "d", domainOfLength(253), domainOfLength(254), "", "-edge", "edge-", "ed--ge", "a..b",
      ".a", "edge1.example.net..", "m\u00fcnchen.de", "edge 1", "edge@1", "*.example.net", "a_", "a-.b");

  private static final List<String> INTERFACE_NAMES = List.of(
      "eth0", "e", "0", "ens1f0", "eth0.100", "br-lan", "wg_0", "ETH0", "a".repeat(15), "a".repeat(16), "",
      "-eth0", ".eth0", "_eth0", "eth 0", "eth0:1", "eth/0", "eth\u00e9", "eth0\n", ".", "..");

  private static final List<String> POLICY_NAMES = List.of(
      "customer-a", "a", "A.b_c-1", "0", "a".repeat(64), "a".repeat(65), "", "-a", ".a", "_a", "a b",
      "a/b", "a:b", "caf\u00e9", "a\n");

  private static final List<String> MAC_ADDRESSES = List.of(
      "02:00:5e:00:53:01", "02:00:5E:00:53:01", "ff:ff:ff:ff:ff:ff", "02-00-5e-00-53-01", "0200.5e00.5301",
      "02:00:5e:00:53", "02:00:5e:00:53:01:02", "2:0:5e:0:53:1", "g2:00:5e:00:53:01", "02:00:5e:00:53:01 ", "");

  private static final List<String> OIDS = List.of(
      "1.3.6.1.2.1.2", "0.0", "2.999", "1.3.6.1.4.1.32473.1.2.0.1", "1.3.6.1.4294967295",
      "1", "3.1", "1.3.", ".1.3", "1..3", "1.03", "1.3.12345678901", "1.3 ", "1,3", "");

  private static final Map<String, List<String>> STRINGS = Map.ofEntries(
      Map.entry("outpost-snmp:oid", OIDS),
      Map.entry(TYPES + "ipv4-address", IPV4_ADDRESSES),
      Map.entry(TYPES + "ipv6-address", IPV6_ADDRESSES),
      Map.entry(TYPES + "ipv4-prefix", IPV4_PREFIXES),
      Map.entry(TYPES + "ipv6-prefix", IPV6_PREFIXES),
      Map.entry(TYPES + "ipv4-interface-address", IPV4_INTERFACE_ADDRESSES),
      Map.entry(TYPES + "ipv6-interface-address", IPV6_INTERFACE_ADDRESSES),
      Map.entry(TYPES + "domain-name", DOMAIN_NAMES),
      Map.entry(TYPES + "interface-name", INTERFACE_NAMES),
      Map.entry(TYPES + "mac-address", MAC_ADDRESSES),
      Map.entry("outpost-policy:name", POLICY_NAMES));

  /**
   * Characters at the edges of what YANG strings allow (RFC 7950 section 9.4: any Unicode
   * character except the C0 controls other than tab, line feed and carriage return, the surrogates
   * and the noncharacters), and characters that need escaping in JSON, XML or the CLI.
   */
  private static final List<String> CHARACTERS = List.of(
      "a\tb", "a\nb", "a\rb", "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "\u0085", "\u00a0", "\u2028",
      "\ud7ff", "\ue000", "\ufdcf", "\ufdd0", "\ufdef", "\ufdf0", "\ufffd", "\ufffe", "\uffff",
      "\ud83d\ude00", "\ud83f\udffd", "\ud83f\udffe", "\udbff\udffd", "\udbff\udfff",
      "say \"hi\" \\o/", "<a href='x'>&amp;</a>", "]]>", "  spaces  ", "\u65e5\u672c\u8a9e");

  private ValueCandidates() {}

  /** Text-form candidates for {@code type}. */
  static List<String> texts(LeafType type) {
    Set<String> out = new LinkedHashSet<>();
    switch (type) {
      case IntegerType i -> out.addAll(integerTexts(i));
      case BooleanType b -> out.addAll(List.of("true", "false", "True", "TRUE", "1", "0", "yes", "", " true"));
      case EnumerationType e -> {
        e.values().forEach(v -> out.add(v.name()));
        String first = e.values().getFirst().name();
        out.addAll(List.of(first.toUpperCase(Locale.ROOT), first + " ", " " + first,
            Integer.toString(e.values().getFirst().value()), "bogus", ""));
      }
      case EmptyType e -> out.addAll(List.of("", "x", " "));
      case StringType s -> out.addAll(stringTexts(s));
      case UnionType u -> u.members().forEach(m -> out.addAll(texts(m)));
      case LeafrefType r -> out.addAll(texts(r.target().type()));
      case DecimalType d -> throw new IllegalStateException("no candidates for decimal64 (" + d.name()
          + "): Outpost's modules had no decimal64 leaf when this was written; add them");
    }
    return List.copyOf(out);
  }

  /**
   * JSON-form candidates for {@code type}, as JSON text: the text candidates in the JSON type
   * RFC 7951 gives the type, plus values of the wrong JSON type and JSON-only spellings.
   */
  static List<String> jsons(LeafType type) {
    Set<String> out = new LinkedHashSet<>();
    switch (base(type)) {
      case IntegerType i -> {
        for (String t : texts(i)) {
          if (t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            out.add(t); // every JSON number among the text forms
          }
        }
        BigInteger min = i.ranges().intervals().getFirst().min().toBigIntegerExact();
        out.addAll(List.of(min + "e0", min + ".0", "-0", JsonWriter.quote(min.toString()), "null", "true",
            "[" + min + "]"));
      }
      case BooleanType b -> out.addAll(List.of("true", "false", "\"true\"", "1", "0", "null", "[true]"));
      case EmptyType e -> out.addAll(List.of("[null]", "null", "[]", "[null,null]", "\"\"", "true", "{}"));
      case LeafType other -> {
        texts(other).stream().filter(ValueCandidates::encodable).map(JsonWriter::quote).forEach(out::add);
        // Not values of the type: other JSON types, a lone surrogate, and a character beyond the
        // BMP written as an escaped surrogate pair (valid JSON, RFC 8259 section 7).
        out.addAll(List.of("1", "null", "true", "[\"x\"]", "\"\\ud800\"", "\"\\ud83d\\ude00\""));
      }
    }
    return List.copyOf(out);
  }

  /** The type whose JSON encoding a value takes: a leafref's target, a union's members' own. */
  private static LeafType base(LeafType type) {
    return type instanceof LeafrefType r ? base(r.target().type()) : type;
  }

  /** Whether a Java string can go into a UTF-8 file at all: a lone surrogate cannot. */
  static boolean encodable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> integerTexts(IntegerType type) {
    BigInteger min = type.ranges().intervals().getFirst().min().toBigIntegerExact();
    BigInteger max = type.ranges().intervals().getLast().max().toBigIntegerExact();
    Ranges full = IntegerType.builtinRange(type.builtin());
    BigInteger typeMin = full.intervals().getFirst().min().toBigIntegerExact();
    BigInteger typeMax = full.intervals().getFirst().max().toBigIntegerExact();
    List<String> out = new ArrayList<>();
    for (BigInteger v : List.of(min, max, min.subtract(BigInteger.ONE), max.add(BigInteger.ONE), typeMin, typeMax,
        typeMin.subtract(BigInteger.ONE), typeMax.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE.negate(),
        BigInteger.TWO.pow(64))) {
      out.add(v.toString());
    }
    out.addAll(List.of("+" + min, "0" + min, "00" + max, "0x" + min.toString(16), "0X" + max.toString(16),
        "-0", "+0", " " + min, min + " ", "\t" + min + "\n", min + ".0", "1e2", "", "-", "+", "0x", "1 2",
        min.toString().chars().mapToObj(c -> Character.toString(c - '0' + '\u0660')).reduce("", String::concat),
        min.toString().chars().mapToObj(c -> Character.toString(c - '0' + '\uff10')).reduce("", String::concat),
        "1_000", "1,000", "9".repeat(40)));
    return out;
  }

  private static List<String> stringTexts(StringType type) {
    List<String> known = STRINGS.get(type.name());
    if (known != null) {
      return known;
    }
    if (!type.patterns().isEmpty()) {
      throw new IllegalStateException("no candidates for " + type.name() + ", a string with a pattern: add"
          + " them to ValueCandidates (and a generator to RandomValues)");
    }
    Ranges.Interval lengths = type.lengths().intervals().getFirst();
    int min = lengths.min().intValueExact();
    List<String> out = new ArrayList<>(List.of("x".repeat(Math.max(1, min)), "", "x"));
    if (min > 1) {
      out.add("x".repeat(min - 1));
    }
    if (lengths.max().compareTo(BigDecimal.valueOf(100_000)) < 0) {
      int max = lengths.max().intValueExact();
      // Lengths count characters, not bytes or UTF-16 units (RFC 7950 section 9.4.4).
      for (String c : List.of("x", "\u00e9", "\u6771", "\ud83d\ude00")) {
        out.add(c.repeat(max));
        out.add(c.repeat(max + 1));
      }
    }
    out.addAll(CHARACTERS);
    return out;
  }

  /** A domain name of exactly {@code length} characters, in labels of at most 63. */
  private static String domainOfLength(int length) {
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      int room = length - out.length() - (out.isEmpty() ? 0 : 1);
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append("x".repeat(Math.min(63, room)));
    }
    return out.toString();
  }
}
