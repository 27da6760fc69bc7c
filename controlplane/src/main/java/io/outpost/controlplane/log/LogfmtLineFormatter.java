package io.outpost.controlplane.log;

import io.outpost.controlplane.json.UnicodeEscapes;

/**
 * Writes events as logfmt: {@code time=... level=info component=datastore msg="commit complete"
 * commit=17 user=root}, one event per line.
 *
 * <p>logfmt has no specification, so this class fixes the dialect it writes, and a reader can
 * parse it back exactly:
 * <ul>
 *   <li>A key is a run of characters other than space, '=', '"', '\' and control characters
 *       ({@link LogEvent#key} guarantees this).</li>
 *   <li>A value is written bare when it is non-empty and has no space or other whitespace,
 *       '=', '"', '\', control character or unpaired surrogate; otherwise it is quoted.</li>
 *   <li>Inside quotes, '"' and '\' are escaped with a backslash, line feed, carriage return and
 *       tab as {@code \n \r \t}, and any other control character, line or paragraph separator or
 *       unpaired surrogate as {@code \}{@code uXXXX}. So an event never spans two lines.</li>
 *   <li>A null value is the bare word {@code null}; the string "null" is quoted to stay distinct.
 *       Every other value is untyped text, as usual in logfmt.</li>
 * </ul>
 * The syslog encoder reuses {@link #appendField} for the key-values of its MSG part.
 */
final class LogfmtLineFormatter implements LineFormatter {

  @Override
  public void format(LogEvent event, StringBuilder out) {
    out.append("time=").append(Rfc3339Millis.format(event.time()));
    out.append(" level=").append(event.level().keyword());
    appendField(out.append(' '), "component", event.component());
    appendField(out.append(' '), "msg", event.message());
    appendFieldsAndError(event, out);
    out.append('\n');
  }

  /** Appends " key=value" for each field, then the error and its stack if there is one. */
  static void appendFieldsAndError(LogEvent event, StringBuilder out) {
    for (LogEvent.Field field : event.fields()) {
      appendField(out.append(' '), field.key(), field.value());
    }
    if (event.error() != null) {
      appendField(out.append(' '), "error", FieldValues.errorSummary(event.error()));
      appendField(out.append(' '), "stack", FieldValues.stackTrace(event.error()));
    }
  }

  /** Appends {@code key=value}; the key must already be a valid logfmt key. */
  static void appendField(StringBuilder out, String key, Object value) {
    out.append(key).append('=');
    if (value == null) {
      out.append("null");
      return;
    }
    String literal = FieldValues.literal(value);
    if (literal != null) {
      out.append(literal);
      return;
    }
    String text = FieldValues.text(value);
    if (canBeBare(text)) {
      out.append(text);
    } else {
      appendQuoted(out, text);
    }
  }

  private static boolean canBeBare(String text) {
    if (text.isEmpty() || text.equals("null")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == '=' || c == '"' || c == '\\' || Character.isISOControl(c)
          || Character.isWhitespace(c) || Character.isSpaceChar(c) || UnicodeEscapes.isUnpairedSurrogate(text, i)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return true;
  }

  private static void appendQuoted(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || UnicodeEscapes.isUnpairedSurrogate(text, i)) {
            UnicodeEscapes.append(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
