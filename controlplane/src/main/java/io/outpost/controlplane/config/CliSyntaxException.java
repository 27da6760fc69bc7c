package io.outpost.controlplane.config;

/** A command line that does not parse; {@code word} is the index of the offending word. */
public final class CliSyntaxException extends Exception {
  private final int word;

  public CliSyntaxException(int word, String message) {
    super(message);
    this.word = word;
  }

  public int word() {
    return word;
  }
}
