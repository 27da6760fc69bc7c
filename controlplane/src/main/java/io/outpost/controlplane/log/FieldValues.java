package io.outpost.controlplane.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns the objects callers pass as field values, and throwables, into text, the same way for
 * every format.
 *
 * <p>Logging must never throw into the caller, so a {@code toString()} that fails is reported in
 * the value instead of propagating.
 */
final class FieldValues {

  private FieldValues() {
  }

  /**
   * The value as a JSON number or boolean literal, or {@code null} if it must be written as a
   * string. Only types whose {@code toString()} is known to be a valid JSON literal qualify;
   * NaN and the infinities have no JSON form and are written as strings.
   */
  static String literal(Object value) {
    return switch (value) {
      case Boolean b -> b.toString();
      case Integer _, Long _, Short _, Byte _, BigInteger _, BigDecimal _ -> value.toString();
      case Double d when Double.isFinite(d) -> d.toString();
      case Float f when Float.isFinite(f) -> f.toString();
      case null, default -> null;
    };
  }

  /** {@code String.valueOf(value)}, except that a failing {@code toString()} does not escape. */
  static String text(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return "<toString() of " + value.getClass().getName() + " failed: " + e + ">";
    }
  }

  /** The throwable's class and message, as {@link Throwable#toString()} gives them. */
  static String errorSummary(Throwable error) {
    return text(error);
  }

  /** The full stack trace with causes and suppressed exceptions, without the final line break. */
  static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    try (PrintWriter printer = new PrintWriter(out)) {
      error.printStackTrace(printer);
    } catch (RuntimeException e) {
      out.write("<stack trace failed: " + e + ">");
    }
    String trace = out.toString();
    return trace.endsWith(System.lineSeparator())
        ? trace.substring(0, trace.length() - System.lineSeparator().length())
        : trace;
  }
}
