package io.outpost.controlplane.yang;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of a YANG module into {@link YangStatement}s (RFC 7950 §6: lexical structure).
 *
 * <p>It handles the whole lexical grammar — comments, unquoted, single- and double-quoted strings,
 * the escapes and the indentation trimming of multi-line double-quoted strings (§6.1.3), and
 * {@code +} concatenation — but knows nothing of keywords; {@link SchemaCompiler} gives them
 * meaning.
 */
public final class YangParser {
  private final String text;
  private final String source;
  private int pos;
  private int line = 1;
  private int lineStart;

  private YangParser(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** Parses a file holding exactly one top-level statement (a module). */
  public static YangStatement parse(String text, String source) {
    YangParser parser = new YangParser(text, source);
    parser.skipSeparators();
    YangStatement statement = parser.statement();
    parser.skipSeparators();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected text after the end of the module");
    }
    return statement;
  }

  private YangStatement statement() {
    int startLine = line;
    String keyword = unquoted();
    if (keyword.isEmpty()) {
      throw error("expected a keyword");
    }
    skipSeparators();
    String argument = null;
    if (peek() != ';' && peek() != '{') {
      argument = argument();
      skipSeparators();
    }
    List<YangStatement> children = new ArrayList<>();
    char c = peek();
    if (c == ';') {
      pos++;
    } else if (c == '{') {
      pos++;
      while (true) {
        skipSeparators();
        if (pos >= text.length()) {
          throw error("missing '}' for " + keyword + " opened at line " + startLine);
        }
        if (peek() == '}') {
          pos++;
          break;
        }
        children.add(statement());
      }
    } else {
      throw error("expected ';' or '{' after " + keyword);
    }
    return new YangStatement(keyword, argument, children, source, startLine);
  }

  private String argument() {
    char c = peek();
    if (c != '"' && c != '\'') {
      return unquoted();
    }
    StringBuilder value = new StringBuilder(quoted());
    while (true) {
      int save = pos;
      int saveLine = line;
      int saveLineStart = lineStart;
      skipSeparators();
      if (peek() == '+') {
        pos++;
        skipSeparators();
        if (peek() != '"' && peek() != '\'') {
          throw error("expected a quoted string after '+'");
        }
        value.append(quoted());
      } else {
        pos = save;
        line = saveLine;
        lineStart = saveLineStart;
        return value.toString();
      }
    }
  }

  private String unquoted() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c) || c == ';' || c == '{' || c == '}' || c == '"' || c == '\'') {
        break;
      }
      if (c == '/' && pos + 1 < text.length()
          && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  private String quoted() {
    char quote = text.charAt(pos);
    int quoteColumn = pos - lineStart;
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c == '\n') {
        newline();
        if (quote == '"') {
          trimTrailingWhitespace(out);
          out.append('\n');
          skipIndentation(quoteColumn + 1);
          continue;
        }
      }
      if (c == '\\' && quote == '"') {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          default -> throw error("invalid escape \\" + e + " (YANG 1.1 allows \\n \\t \\\" \\\\)");
        }
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** §6.1.3: on continuation lines, white space up to the opening quote's column is dropped. */
  private void skipIndentation(int column) {
    int skipped = 0;
    while (pos < text.length() && skipped < column) {
      char c = text.charAt(pos);
      if (c == ' ') {
        skipped++;
      } else if (c == '\t') {
        skipped += 8;
      } else {
        break;
      }
      pos++;
    }
  }

  private static void trimTrailingWhitespace(StringBuilder out) {
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
      end--;
    }
    out.setLength(end);
  }

  private void skipSeparators() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        newline();
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (text.startsWith("//", pos)) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (text.startsWith("/*", pos)) {
        int end = text.indexOf("*/", pos + 2);
        if (end < 0) {
          throw error("unterminated comment");
        }
        for (int i = pos; i < end; i++) {
          if (text.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private void newline() {
    line++;
    lineStart = pos;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private YangException error(String reason) {
    return new YangException(source + ":" + line, reason);
  }
}
