package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonArray;
import io.outpost.controlplane.json.JsonValue.JsonNull;
import java.util.List;

/** empty (RFC 7950 §9.11): a leaf that is there or not; JSON form {@code [null]} (RFC 7951 §6.9). */
public record EmptyType(String name) implements LeafType {
  @Override
  public String builtin() {
    return "empty";
  }

  @Override
  public Object parse(String text) throws InvalidValueException {
    if (!text.isEmpty()) {
      throw new InvalidValueException("takes no value");
    }
    return Empty.VALUE;
  }

  @Override
  public Object fromJson(JsonValue json) throws InvalidValueException {
    if (json instanceof JsonArray a && a.items().size() == 1 && a.items().getFirst() == JsonNull.INSTANCE) {
      return Empty.VALUE;
    }
    throw new InvalidValueException("empty leaves are written [null] (RFC 7951 §6.9)");
  }

  @Override
  public JsonValue toJson(Object value) {
    return new JsonArray(List.of(JsonNull.INSTANCE));
  }

  @Override
  public String format(Object value) {
    return "";
  }

  @Override
  public boolean accepts(Object value) {
    return value == Empty.VALUE;
  }

  @Override
  public String describe() {
    return "(no value)";
  }
}
