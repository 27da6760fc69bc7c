package io.outpost.controlplane.log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one line of our logfmt dialect back into its pairs, so tests can show that every value
 * survives the trip. Written from the dialect's description in {@link LogfmtLineFormatter}, not
 * from the writer's code, so that it checks the writer rather than mirrors it. A bare
 * {@code null} reads as {@code null}.
 */
final class LogfmtReader {

  private final String line;
  private int position;

  private LogfmtReader(String line) {
    this.line = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
  }

  static Map<String, String> parse(String line) {
    return new LogfmtReader(line).pairs();
  }

  private Map<String, String> pairs() {
    Map<String, String> pairs = new LinkedHashMap<>();
    while (position < line.length()) {
      int keyStart = position;
      while (position < line.length() && line.charAt(position) != '=') {
        char c = line.charAt(position);
        if (c == ' ' || c == '"') {
          throw new IllegalArgumentException("bad key at " + keyStart + " in " + line);
        }
        position++;
      }
      String key = line.substring(keyStart, position);
      expect('=');
      pairs.put(key, position < line.length() && line.charAt(position) == '"' ? quoted() : bare());
      if (position < line.length()) {
        expect(' ');
      }
    }
    return pairs;
  }

  private String bare() {
    int start = position;
    while (position < line.length() && line.charAt(position) != ' ') {
      char c = line.charAt(position);
      if (c == '"' || c == '=' || c == '\\' || c < ' ') {
        throw new IllegalArgumentException("unquoted value with '" + c + "' at " + position + " in " + line);
      }
      position++;
    }
    String value = line.substring(start, position);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty bare value at " + start + " in " + line);
    }
    return value.equals("null") ? null : value;
  }

  private String quoted() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = line.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c < ' ') {
        throw new IllegalArgumentException("raw control character in quoted value in " + line);
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = line.charAt(position++);
      switch (escaped) {
        case '"', '\\' -> value.append(escaped);
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          value.append((char) Integer.parseInt(line.substring(position, position + 4), 16));
          position += 4;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + escaped + " in " + line);
      }
    }
  }

  private void expect(char c) {
    if (position >= line.length() || line.charAt(position) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + position + " in " + line);
    }
    position++;
  }
}
