package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonNumber;
import io.outpost.controlplane.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** int8 … uint64 with their range restrictions (RFC 7950 §9.2). */
public record IntegerType(String builtin, String name, Ranges ranges) implements LeafType {
  /** ASCII digits only: {@code \d} and {@link Character#isDigit} would take other scripts' digits. */
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern MODULE_LITERAL = Pattern.compile("([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)");
  /** RFC 7951 section 6.1 writes integers as plain JSON integers: no sign but '-', no exponent. */
  private static final Pattern JSON_INTEGER = Pattern.compile("-?[0-9]+");

  /** The full range of a built-in integer type, or null if {@code builtin} is not one. */
  public static Ranges builtinRange(String builtin) {
    return switch (builtin) {
      case "int8" -> range(Byte.MIN_VALUE, Byte.MAX_VALUE);
      case "int16" -> range(Short.MIN_VALUE, Short.MAX_VALUE);
      case "int32" -> range(Integer.MIN_VALUE, Integer.MAX_VALUE);
      case "int64" -> range(Long.MIN_VALUE, Long.MAX_VALUE);
      case "uint8" -> range(0, 255);
      case "uint16" -> range(0, 65535);
      case "uint32" -> range(0, 4294967295L);
      case "uint64" -> Ranges.of(BigDecimal.ZERO, new BigDecimal("18446744073709551615"));
      default -> null;
    };
  }

  private static Ranges range(long min, long max) {
    return Ranges.of(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
  }

  /** RFC 7951 §6.1: 64-bit integers travel as JSON strings, the others as numbers. */
  private boolean jsonAsString() {
    return builtin.equals("int64") || builtin.equals("uint64");
  }

  /**
   * Reads an integer of data (CLI, XML): an optional sign and decimal digits, leading zeros
   * allowed ("010" is ten), surrounding XML white space ignored (RFC 7950 section 9.2.1). The
   * hexadecimal and octal forms belong to defaults in modules only: see {@link #parseDefault}.
   */
  @Override
  public Object parse(String text) throws InvalidValueException {
    String t = stripXmlSpace(text);
    if (!DECIMAL.matcher(t).matches()) {
      throw new InvalidValueException("\"" + text + "\" is not an integer (" + describe() + ")");
    }
    return inRange(new BigInteger(t), t);
  }

  /**
   * Reads the argument of a {@code default} statement, which may also be hexadecimal ({@code
   * 0x1F}) or octal ({@code 017}) with an optional sign (RFC 7950 section 9.2.1).
   */
  @Override
  public Object parseDefault(String text) throws InvalidValueException {
    String t = stripXmlSpace(text);
    Matcher m = MODULE_LITERAL.matcher(t);
    if (!m.matches()) {
      throw new InvalidValueException("\"" + text + "\" is not an integer (" + describe() + ")");
    }
    String digits = m.group(2);
    BigInteger magnitude;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      magnitude = new BigInteger(digits.substring(2), 16);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      magnitude = new BigInteger(digits.substring(1), 8);
    } else {
      magnitude = new BigInteger(digits);
    }
    return inRange(m.group(1).equals("-") ? magnitude.negate() : magnitude, t);
  }

  private Object inRange(BigInteger value, String text) throws InvalidValueException {
    if (!ranges.contains(new BigDecimal(value))) {
      throw new InvalidValueException(text + " is out of range " + ranges, true);
    }
    return builtin.equals("uint64") ? value : (Object) value.longValueExact();
  }

  /** XML's white space (space, tab, CR, LF) around the value, which XML readers ignore for integers. */
  private static String stripXmlSpace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isXmlSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isXmlSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  @Override
  public Object fromJson(JsonValue json) throws InvalidValueException {
    if (jsonAsString()) {
      if (json instanceof JsonString s) {
        return parseDecimalOnly(s.value());
      }
      throw new InvalidValueException(
          builtin + " values are JSON strings (RFC 7951 §6.1), not " + json.typeName());
    }
    if (json instanceof JsonNumber n) {
      return parseDecimalOnly(n.text());
    }
    throw new InvalidValueException(
        builtin + " values are JSON numbers (RFC 7951 §6.1), not " + json.typeName());
  }

  private Object parseDecimalOnly(String text) throws InvalidValueException {
    if (!JSON_INTEGER.matcher(text).matches()) {
      throw new InvalidValueException("\"" + text + "\" is not an integer (" + describe() + ")");
    }
    return parse(text);
  }

  @Override
  public JsonValue toJson(Object value) {
    return jsonAsString() ? new JsonString(value.toString()) : new JsonNumber(value.toString());
  }

  @Override
  public String format(Object value) {
    return value.toString();
  }

  @Override
  public boolean accepts(Object value) {
    if (value instanceof Long l) {
      return ranges.contains(l);
    }
    return value instanceof BigInteger b && ranges.contains(new BigDecimal(b));
  }

  @Override
  public String describe() {
    return name + " " + ranges;
  }
}
