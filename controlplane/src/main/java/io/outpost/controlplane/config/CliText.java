package io.outpost.controlplane.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Words of the CLI and of {@code set}-format configuration: splitting a line into words with
 * double quotes, and quoting a value so that it reads back as the same single word.
 */
public final class CliText {
  private CliText() {}

  /** Whether a value must be quoted to stay one word that reads back unchanged. */
  public static boolean needsQuotes(String value) {
    if (value.isEmpty()) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || c == '"' || c == '\\' || c == ';' || c == '{' || c == '}'
          || c == '|' || c == '#' || c == '\'' || c < 0x20) {
        return true;
      }
    }
    return false;
  }

  public static String quoteIfNeeded(String value) {
    return needsQuotes(value) ? quote(value) : value;
  }

  /** Double-quotes a value, escaping quotes, backslashes and control characters. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** A word of a line and where it started, so that errors can point at it. */
  public record Word(String text, int start, boolean quoted) {}

  /**
   * Splits a line into words: white space separates, double quotes group (with backslash
   * escapes), and an unquoted {@code |} is a word of its own (the CLI's pipe).
   *
   * @throws IllegalArgumentException on an unterminated quote
   */
  public static List<Word> split(String line) {
    List<Word> words = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '|') {
        words.add(new Word("|", i, false));
        i++;
      } else if (c == '"') {
        int start = i++;
        StringBuilder w = new StringBuilder();
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("unterminated quote starting at column " + (start + 1));
          }
          char d = line.charAt(i++);
          if (d == '"') {
            break;
          }
          if (d == '\\' && i < line.length()) {
            char e = line.charAt(i++);
            w.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> e;
            });
          } else {
            w.append(d);
          }
        }
        words.add(new Word(w.toString(), start, true));
      } else {
        int start = i;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '|'
            && line.charAt(i) != '"') {
          i++;
        }
        words.add(new Word(line.substring(start, i), start, false));
      }
    }
    return words;
  }
}
