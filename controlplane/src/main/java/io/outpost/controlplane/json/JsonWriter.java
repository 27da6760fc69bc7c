package io.outpost.controlplane.json;

import io.outpost.controlplane.json.JsonValue.JsonArray;
import io.outpost.controlplane.json.JsonValue.JsonBoolean;
import io.outpost.controlplane.json.JsonValue.JsonNull;
import io.outpost.controlplane.json.JsonValue.JsonNumber;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonValue.JsonString;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link JsonValue}s, either compact (one line, for the management protocol and logs) or
 * pretty (two-space indent, for files people read and diff in git).
 *
 * <p>Output is deterministic: the same value always gives the same bytes, so configuration files
 * written twice are identical and a diff shows only real changes.
 */
public final class JsonWriter {
  private JsonWriter() {}

  public static String compact(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out, -1, 0);
    return out.toString();
  }

  /** Pretty form, ending with a newline (a text file's last line ends with one). */
  public static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 2, 0);
    return out.append('\n').toString();
  }

  private static void write(JsonValue value, StringBuilder out, int indent, int level) {
    switch (value) {
      case JsonObject o -> writeObject(o.members(), out, indent, level);
      case JsonArray a -> writeArray(a.items(), out, indent, level);
      case JsonString s -> quote(s.value(), out);
      case JsonNumber n -> out.append(n.text());
      case JsonBoolean b -> out.append(b.value());
      case JsonNull ignored -> out.append("null");
    }
  }

  private static void writeObject(
      Map<String, JsonValue> members, StringBuilder out, int indent, int level) {
    if (members.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonValue> member = it.next();
      newline(out, indent, level + 1);
      quote(member.getKey(), out);
      out.append(indent < 0 ? ":" : ": ");
      write(member.getValue(), out, indent, level + 1);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(out, indent, level);
    out.append('}');
  }

  private static void writeArray(List<JsonValue> items, StringBuilder out, int indent, int level) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    // Arrays of scalars stay on one line ([null], ["a", "b"]): shorter and easier to diff.
    boolean scalars = items.stream().noneMatch(i -> i instanceof JsonObject || i instanceof JsonArray);
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (scalars) {
        if (i > 0) {
          out.append(indent < 0 ? "," : ", ");
        }
      } else {
        if (i > 0) {
          out.append(',');
        }
        newline(out, indent, level + 1);
      }
      write(items.get(i), out, indent, level + 1);
    }
    if (!scalars) {
      newline(out, indent, level);
    }
    out.append(']');
  }

  private static void newline(StringBuilder out, int indent, int level) {
    if (indent >= 0) {
      out.append('\n').repeat(' ', indent * level);
    }
  }

  /** Appends {@code s} as a JSON string literal (RFC 8259 §7). */
  public static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // Control characters; U+2028/2029, which break JavaScript consumers of our output; and
          // lone surrogates, which UTF-8 cannot carry.
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || UnicodeEscapes.isUnpairedSurrogate(s, i)) {
            UnicodeEscapes.append(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    quote(s, out);
    return out.toString();
  }
}
