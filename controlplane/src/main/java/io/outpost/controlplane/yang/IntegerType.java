package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonNumber;
import io.outpost.controlplane.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;

/** int8 … uint64 with their range restrictions (RFC 7950 §9.2). */
public record IntegerType(String builtin, String name, Ranges ranges) implements LeafType {

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

  @Override
  public Object parse(String text) throws InvalidValueException {
    String t = text.trim();
    BigInteger value;
    try {
      value = parseInteger(t);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("\"" + text + "\" is not an integer (" + describe() + ")");
    }
    if (!ranges.contains(new BigDecimal(value))) {
      throw new InvalidValueException(t + " is out of range " + ranges, true);
    }
    return builtin.equals("uint64") ? value : (Object) value.longValueExact();
  }

  /** YANG's integer lexical forms: decimal, 0x hex and leading-0 octal (§9.2.1). */
  private static BigInteger parseInteger(String t) {
    boolean negative = t.startsWith("-");
    String digits = negative || t.startsWith("+") ? t.substring(1) : t;
    BigInteger magnitude;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      magnitude = new BigInteger(digits.substring(2), 16);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      magnitude = new BigInteger(digits.substring(1), 8);
    } else {
      if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException(t);
      }
      magnitude = new BigInteger(digits);
    }
    return negative ? magnitude.negate() : magnitude;
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
    if (!text.matches("-?[0-9]+")) {
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
