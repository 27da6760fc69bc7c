package io.outpost.controlplane.json;

import io.outpost.controlplane.json.JsonValue.JsonArray;
import io.outpost.controlplane.json.JsonValue.JsonBoolean;
import io.outpost.controlplane.json.JsonValue.JsonNull;
import io.outpost.controlplane.json.JsonValue.JsonNumber;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict RFC 8259 parser for configuration files and management messages.
 *
 * <p>Strict because a configuration appliance must refuse what it cannot read exactly: no
 * comments, no trailing commas, no duplicate member names (RFC 7951 §4 forbids them in YANG
 * data, and a silently dropped duplicate would lose configuration), no leading zeros, no lone
 * surrogates. Limits: nesting depth {@value #MAX_DEPTH}; the whole document is a String, so its
 * size is bounded by the caller, who reads it.
 */
public final class JsonParser {
  /** Deeper documents are refused; our YANG trees are a dozen levels deep at most. */
  public static final int MAX_DEPTH = 256;

  private final String text;
  private int pos;
  private int depth;

  private JsonParser(String text) {
    this.text = text;
  }

  /** Parses one JSON document; only white space may follow it. */
  public static JsonValue parse(String text) throws JsonSyntaxException {
    JsonParser parser = new JsonParser(text);
    parser.skipWhitespace();
    JsonValue value = parser.value();
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected " + parser.describeHere() + " after the end of the document");
    }
    return value;
  }

  private JsonValue value() throws JsonSyntaxException {
    if (pos >= text.length()) {
      throw error("unexpected end of document, expected a value");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> new JsonString(string());
      case 't' -> literal("true", JsonBoolean.TRUE);
      case 'f' -> literal("false", JsonBoolean.FALSE);
      case 'n' -> literal("null", JsonNull.INSTANCE);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected " + describeHere() + ", expected a value");
      }
    };
  }

  private JsonObject object() throws JsonSyntaxException {
    enter();
    pos++; // '{'
    LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return new JsonObject(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("unexpected " + describeHere() + ", expected a member name in double quotes");
      }
      int nameAt = pos;
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      JsonValue member = value();
      if (members.putIfAbsent(name, member) != null) {
        throw new JsonSyntaxException(line(nameAt), column(nameAt), "duplicate member name \"" + name + "\"");
      }
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        depth--;
        return new JsonObject(members);
      } else {
        throw error("unexpected " + describeHere() + ", expected ',' or '}'");
      }
    }
  }

  private JsonArray array() throws JsonSyntaxException {
    enter();
    pos++; // '['
    List<JsonValue> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return new JsonArray(items);
    }
    while (true) {
      skipWhitespace();
      items.add(value());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ']') {
        pos++;
        depth--;
        return new JsonArray(items);
      } else {
        throw error("unexpected " + describeHere() + ", expected ',' or ']'");
      }
    }
  }

  private String string() throws JsonSyntaxException {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character U+%04X in a string must be escaped".formatted((int) c));
      }
      if (Character.isSurrogate(c)) {
        pos--;
        out.append(surrogatePair());
        continue;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> {
          pos--;
          throw error("invalid escape \\" + e);
        }
      }
    }
  }

  /** A literal surrogate pair in the text; a lone surrogate is not a Unicode character. */
  private String surrogatePair() throws JsonSyntaxException {
    char high = text.charAt(pos);
    if (Character.isHighSurrogate(high)
        && pos + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(pos + 1))) {
      pos += 2;
      return text.substring(pos - 2, pos);
    }
    throw error("lone surrogate U+%04X".formatted((int) high));
  }

  private String unicodeEscape() throws JsonSyntaxException {
    char first = hex4();
    if (!Character.isSurrogate(first)) {
      return String.valueOf(first);
    }
    if (Character.isHighSurrogate(first)
        && text.startsWith("\\u", pos)) {
      pos += 2;
      char second = hex4();
      if (Character.isLowSurrogate(second)) {
        return new String(new char[] {first, second});
      }
    }
    throw error("escaped lone surrogate \\u%04X".formatted((int) first));
  }

  private char hex4() throws JsonSyntaxException {
    if (pos + 4 > text.length()) {
      throw error("incomplete \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos + i), 16);
      if (digit < 0) {
        pos += i;
        throw error("invalid hex digit in \\u escape");
      }
      value = value * 16 + digit;
    }
    pos += 4;
    return (char) value;
  }

  private JsonNumber number() throws JsonSyntaxException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("leading zeros are not allowed in numbers");
      }
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("expected a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after the decimal point");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    return new JsonNumber(text.substring(start, pos));
  }

  private JsonValue literal(String word, JsonValue value) throws JsonSyntaxException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describeHere() + ", expected a value");
    }
    pos += word.length();
    return value;
  }

  private void enter() throws JsonSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void expect(char c) throws JsonSyntaxException {
    if (peek() != c) {
      throw error("unexpected " + describeHere() + ", expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private String describeHere() {
    if (pos >= text.length()) {
      return "end of document";
    }
    char c = text.charAt(pos);
    return c < 0x20 ? "character U+%04X".formatted((int) c) : "'" + c + "'";
  }

  private JsonSyntaxException error(String reason) {
    return new JsonSyntaxException(line(pos), column(pos), reason);
  }

  private int line(int at) {
    int line = 1;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private int column(int at) {
    int lineStart = text.lastIndexOf('\n', Math.min(at, text.length()) - 1) + 1;
    return at - lineStart + 1;
  }
}
