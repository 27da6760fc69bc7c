package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonString;

/** The types whose values are Java strings and travel as JSON strings: string and enumeration. */
public sealed interface StringValuedType extends LeafType permits StringType, EnumerationType {
  @Override
  default Object fromJson(JsonValue json) throws InvalidValueException {
    if (json instanceof JsonString s) {
      return parse(s.value());
    }
    throw new InvalidValueException(builtin() + " values are JSON strings, not " + json.typeName());
  }

  @Override
  default JsonValue toJson(Object value) {
    return new JsonString((String) value);
  }

  @Override
  default String format(Object value) {
    return (String) value;
  }
}
