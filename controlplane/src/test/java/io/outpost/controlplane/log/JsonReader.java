package io.outpost.controlplane.log;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict RFC 8259 reader for the one shape our JSON lines have: an object whose members are
 * strings, numbers, booleans or null. Numbers read as {@link BigDecimal}, so a test can tell a
 * number from a string holding digits. Rejects what the RFC rejects there: raw control
 * characters in strings, unknown escapes, trailing garbage, duplicate keys.
 */
final class JsonReader {

  private final String text;
  private int position;

  private JsonReader(String text) {
    this.text = text;
  }

  static Map<String, Object> parseObject(String line) {
    JsonReader reader = new JsonReader(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
    Map<String, Object> object = reader.object();
    if (reader.position != reader.text.length()) {
      throw new IllegalArgumentException("trailing characters at " + reader.position + " in " + line);
    }
    return object;
  }

  private Map<String, Object> object() {
    expect('{');
    Map<String, Object> members = new LinkedHashMap<>();
    if (peek() == '}') {
      position++;
      return members;
    }
    while (true) {
      String key = string();
      expect(':');
      if (members.containsKey(key)) {
        throw new IllegalArgumentException("duplicate key " + key + " in " + text);
      }
      members.put(key, value());
      char next = text.charAt(position++);
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        throw new IllegalArgumentException("expected ',' or '}' at " + (position - 1) + " in " + text);
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (text.startsWith("true", position)) {
      position += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", position)) {
      position += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", position)) {
      position += 4;
      return null;
    }
    int start = position;
    while (position < text.length() && "+-.eE0123456789".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    String number = text.substring(start, position);
    if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw new IllegalArgumentException("not a JSON value at " + start + " in " + text);
    }
    return new BigDecimal(number);
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = text.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("raw control character in string in " + text);
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = text.charAt(position++);
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          value.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          position += 4;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + escaped + " in " + text);
      }
    }
  }

  private char peek() {
    return text.charAt(position);
  }

  private void expect(char c) {
    if (position >= text.length() || text.charAt(position) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + position + " in " + text);
    }
    position++;
  }
}
