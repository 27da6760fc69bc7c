package io.outpost.lab;

import java.util.List;

/**
 * A lab operation that did not work: a command that failed or timed out, a process that did not log what was awaited,
 * a namespace the kernel would not remove. The message carries what a reader of a failed test needs to see why — the
 * command, its exit code and its output, or the tail of a log — so the test does not have to go looking.
 */
public class LabException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The exception for a command that ran to completion with a non-zero exit code. */
  static LabException commandFailed(ExecResult result) {
    return new LabException("command failed with exit code " + result.exitCode() + ": "
        + String.join(" ", result.command()) + outputs(result.stdout(), result.stderr()));
  }

  /** Formats both output streams for a message, so that empty streams still show up as empty. */
  static String outputs(String stdout, String stderr) {
    return "\n--- stdout ---\n" + stdout + (stdout.endsWith("\n") || stdout.isEmpty() ? "" : "\n")
        + "--- stderr ---\n" + stderr;
  }

  /** The last {@code count} lines of a text, for messages about long logs. */
  static String tail(String text, int count) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
