package io.outpost.controlplane.yang;

import java.util.List;

/** enumeration (RFC 7950 §9.6): the value is the enum's name. */
public record EnumerationType(String name, List<EnumValue> values) implements StringValuedType {

  /** One enum, with its description for '?' help. */
  public record EnumValue(String name, int value, String description) {}

  public EnumerationType {
    values = List.copyOf(values);
  }

  @Override
  public String builtin() {
    return "enumeration";
  }

  @Override
  public Object parse(String text) throws InvalidValueException {
    for (EnumValue v : values) {
      if (v.name.equals(text)) {
        return v.name;
      }
    }
    throw new InvalidValueException("\"" + text + "\" is not one of " + String.join(", ", completions()));
  }

  @Override
  public boolean accepts(Object value) {
    return value instanceof String s && values.stream().anyMatch(v -> v.name.equals(s));
  }

  @Override
  public String describe() {
    return String.join(" | ", completions());
  }

  @Override
  public List<String> completions() {
    return values.stream().map(EnumValue::name).toList();
  }
}
