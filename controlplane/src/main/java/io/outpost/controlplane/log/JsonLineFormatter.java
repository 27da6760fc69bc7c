package io.outpost.controlplane.log;

import io.outpost.controlplane.json.JsonWriter;

/**
 * Writes events as JSON, one object per line:
 * {@code {"time":"...","level":"info","component":"datastore","msg":"commit complete","commit":17}}.
 *
 * <p>Members come in a fixed order: time, level, component, msg, the caller's fields in their
 * order, then "error" (class and message) and "stack" when the event carries a throwable.
 * Strings are escaped per RFC 8259 §7: '"', '\' and every character below U+0020 are escaped, so
 * a line break never appears inside an object. Unpaired surrogates, which have no UTF-8 form,
 * and U+2028/U+2029, which JavaScript readers treat as line ends, are escaped as well. Numbers
 * and booleans are written as JSON literals; see {@link FieldValues#literal}.
 */
final class JsonLineFormatter implements LineFormatter {

  @Override
  public void format(LogEvent event, StringBuilder out) {
    out.append('{');
    appendString(out.append("\"time\":"), Rfc3339Millis.format(event.time()));
    appendString(out.append(",\"level\":"), event.level().keyword());
    appendString(out.append(",\"component\":"), event.component());
    appendString(out.append(",\"msg\":"), event.message());
    for (LogEvent.Field field : event.fields()) {
      appendString(out.append(','), field.key());
      appendValue(out.append(':'), field.value());
    }
    if (event.error() != null) {
      appendString(out.append(",\"error\":"), FieldValues.errorSummary(event.error()));
      appendString(out.append(",\"stack\":"), FieldValues.stackTrace(event.error()));
    }
    out.append("}\n");
  }

  private static void appendValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
      return;
    }
    String literal = FieldValues.literal(value);
    if (literal != null) {
      out.append(literal);
    } else {
      appendString(out, FieldValues.text(value));
    }
  }

  private static void appendString(StringBuilder out, String text) {
    JsonWriter.quote(text, out);
  }

}
