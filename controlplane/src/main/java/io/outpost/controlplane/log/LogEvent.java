package io.outpost.controlplane.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One log event: when, how severe, which component, the message, ordered key-value fields and
 * an optional throwable. Every output (stdout line, syslog message) is rendered from this.
 *
 * <p>Field values are kept as the caller's objects and rendered by each format, so numbers and
 * booleans stay unquoted in JSON. Keys are sanitized once here so that all formats agree on them.
 */
record LogEvent(Instant time, LogLevel level, String component, String message, List<Field> fields,
        Throwable error) {

  /** One key-value pair of an event; {@code value} may be {@code null}. */
  record Field(String key, Object value) {
  }

  /** The key given to a trailing value that has no partner, so it is shown rather than lost. */
  static final String UNPAIRED_KEY = "unpaired";

  /**
   * Names the formats use for the event's own parts. A caller's field with one of these names
   * is written with a leading underscore, so that a JSON object never holds a key twice.
   */
  private static final Set<String> RESERVED_KEYS = Set.of("time", "level", "component", "msg", "error", "stack");

  LogEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(component, "component");
    message = message == null ? "" : message;
    fields = List.copyOf(fields);
  }

  /**
   * Builds an event from alternating keys and values as {@link Log} receives them. A key that is
   * not a string is turned into one; an odd trailing value gets the key {@value #UNPAIRED_KEY}.
   */
  static LogEvent of(Instant time, LogLevel level, String component, String message, Throwable error,
             Object... keyValues) {
    if (keyValues == null || keyValues.length == 0) {
      return new LogEvent(time, level, component, message, List.of(), error);
    }
    List<Field> fields = new ArrayList<>((keyValues.length + 1) / 2);
    int i = 0;
    for (; i + 1 < keyValues.length; i += 2) {
      fields.add(new Field(key(String.valueOf(keyValues[i])), keyValues[i + 1]));
    }
    if (i < keyValues.length) {
      fields.add(new Field(UNPAIRED_KEY, keyValues[i]));
    }
    return new LogEvent(time, level, component, message, fields, error);
  }

  /**
   * Makes {@code raw} usable as a key in every format: logfmt keys end at a space, '=' or a
   * quote, and a key with control characters would break the one-event-per-line promise.
   * Such characters become '_'; an empty key becomes "_".
   */
  static String key(String raw) {
    if (raw.isEmpty()) {
      return "_";
    }
    StringBuilder clean = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean allowed = c > ' ' && c != '=' && c != '"' && c != '\\' && !Character.isISOControl(c)
          && !Character.isWhitespace(c) && !Character.isSurrogate(c);
      if (!allowed && clean == null) {
        clean = new StringBuilder(raw.length()).append(raw, 0, i);
      }
      if (clean != null) {
        clean.append(allowed ? c : '_');
      }
    }
    String key = clean == null ? raw : clean.toString();
    return RESERVED_KEYS.contains(key) ? "_" + key : key;
  }
}
