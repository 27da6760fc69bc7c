package io.outpost.controlplane.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * An immutable JSON value (RFC 8259), as read by {@link JsonParser} and written by {@link JsonWriter}.
 *
 * <p>Objects keep their members in document order, because configuration files are read by people
 * and kept in git: a round trip must not reorder what someone wrote. Numbers keep their lexical
 * form, because RFC 7951 distinguishes a JSON number from a string holding digits, and 64-bit
 * values must not lose precision through a double.
 */
public sealed interface JsonValue
    permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString, JsonValue.JsonNumber,
        JsonValue.JsonBoolean, JsonValue.JsonNull {

  /** A short name of the JSON type, for error messages ("object", "string", ...). */
  String typeName();

  /** An object; member names are unique (the parser refuses duplicates). */
  record JsonObject(SequencedMap<String, JsonValue> members) implements JsonValue {
    public JsonObject {
      members = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(members));
    }

    public JsonValue get(String name) {
      return members.get(name);
    }

    @Override
    public String typeName() {
      return "object";
    }
  }

  /** An array. */
  record JsonArray(List<JsonValue> items) implements JsonValue {
    public JsonArray {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "array";
    }
  }

  /** A string. */
  record JsonString(String value) implements JsonValue {
    @Override
    public String typeName() {
      return "string";
    }
  }

  /** A number in its lexical form exactly as written (validated by the parser or the factory). */
  record JsonNumber(String text) implements JsonValue {
    public static JsonNumber of(long value) {
      return new JsonNumber(Long.toString(value));
    }

    public BigDecimal decimal() {
      return new BigDecimal(text);
    }

    @Override
    public String typeName() {
      return "number";
    }
  }

  /** {@code true} or {@code false}. */
  record JsonBoolean(boolean value) implements JsonValue {
    public static final JsonBoolean TRUE = new JsonBoolean(true);
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    public static JsonBoolean of(boolean value) {
      return value ? TRUE : FALSE;
    }

    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /** {@code null}. */
  enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public String typeName() {
      return "null";
    }
  }

  /** Builds objects member by member, in order. */
  final class ObjectBuilder {
    private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    public ObjectBuilder put(String name, JsonValue value) {
      members.put(name, value);
      return this;
    }

    public ObjectBuilder put(String name, String value) {
      return put(name, new JsonString(value));
    }

    public ObjectBuilder put(String name, long value) {
      return put(name, JsonNumber.of(value));
    }

    public ObjectBuilder put(String name, boolean value) {
      return put(name, JsonBoolean.of(value));
    }

    public boolean isEmpty() {
      return members.isEmpty();
    }

    public JsonObject build() {
      return new JsonObject(members);
    }
  }

  static ObjectBuilder object() {
    return new ObjectBuilder();
  }

  static JsonArray array(List<? extends JsonValue> items) {
    return new JsonArray(new ArrayList<>(items));
  }
}
