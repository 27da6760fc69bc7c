package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;

/** decimal64 with fraction-digits and range (RFC 7950 §9.3); JSON form is a string. */
public record DecimalType(String name, int fractionDigits, Ranges ranges) implements LeafType {

  /** The full range of decimal64 with this many fraction digits (§9.3.4). */
  public static Ranges builtinRange(int fractionDigits) {
    return Ranges.of(
        new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE), fractionDigits),
        new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE), fractionDigits));
  }

  @Override
  public String builtin() {
    return "decimal64";
  }

  @Override
  public Object parse(String text) throws InvalidValueException {
    String t = text.trim();
    if (!t.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
      throw new InvalidValueException("\"" + text + "\" is not a decimal number");
    }
    BigDecimal value = new BigDecimal(t);
    if (value.stripTrailingZeros().scale() > fractionDigits) {
      throw new InvalidValueException(t + " has more than " + fractionDigits + " fraction digits", true);
    }
    value = value.setScale(fractionDigits);
    if (!ranges.contains(value)) {
      throw new InvalidValueException(t + " is out of range " + ranges, true);
    }
    return value;
  }

  @Override
  public Object fromJson(JsonValue json) throws InvalidValueException {
    if (json instanceof JsonString s) {
      return parse(s.value());
    }
    throw new InvalidValueException(
        "decimal64 values are JSON strings (RFC 7951 §6.1), not " + json.typeName());
  }

  @Override
  public JsonValue toJson(Object value) {
    return new JsonString(format(value));
  }

  /** Canonical form (§9.3.2): no trailing zeros beyond one fraction digit. */
  @Override
  public String format(Object value) {
    BigDecimal d = ((BigDecimal) value).stripTrailingZeros();
    return d.scale() < 1 ? d.setScale(1).toPlainString() : d.toPlainString();
  }

  @Override
  public boolean accepts(Object value) {
    return value instanceof BigDecimal d && ranges.contains(d);
  }

  @Override
  public String describe() {
    return name + " " + ranges;
  }
}
