package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonBoolean;
import java.util.List;

/** boolean (RFC 7950 §9.5): the text forms are exactly {@code true} and {@code false}. */
public record BooleanType(String name) implements LeafType {
  @Override
  public String builtin() {
    return "boolean";
  }

  @Override
  public Object parse(String text) throws InvalidValueException {
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new InvalidValueException("\"" + text + "\" is not true or false");
    };
  }

  @Override
  public Object fromJson(JsonValue json) throws InvalidValueException {
    if (json instanceof JsonBoolean b) {
      return b.value();
    }
    throw new InvalidValueException("boolean values are JSON true/false, not " + json.typeName());
  }

  @Override
  public JsonValue toJson(Object value) {
    return JsonBoolean.of((Boolean) value);
  }

  @Override
  public String format(Object value) {
    return value.toString();
  }

  @Override
  public boolean accepts(Object value) {
    return value instanceof Boolean;
  }

  @Override
  public String describe() {
    return name + " (true | false)";
  }

  @Override
  public List<String> completions() {
    return List.of("true", "false");
  }
}
