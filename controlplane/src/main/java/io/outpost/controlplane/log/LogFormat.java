package io.outpost.controlplane.log;

/** The line format of the stdout sink, chosen in {@link LogSettings}. */
public enum LogFormat {
  /** One JSON object per line, for log shippers. */
  JSON(new JsonLineFormatter()),
  /** {@code key=value} pairs per line, for people reading a terminal or the journal. */
  LOGFMT(new LogfmtLineFormatter());

  private final LineFormatter formatter;

  LogFormat(LineFormatter formatter) {
    this.formatter = formatter;
  }

  LineFormatter formatter() {
    return formatter;
  }
}
