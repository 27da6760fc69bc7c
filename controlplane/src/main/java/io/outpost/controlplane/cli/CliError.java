package io.outpost.controlplane.cli;

/**
 * A command that cannot run; {@code word} is the index of the word to put a caret under, or -1
 * when the error is not about one word.
 */
final class CliError extends Exception {
  private final int word;

  CliError(String message) {
    this(message, -1);
  }

  CliError(String message, int word) {
    super(message);
    this.word = word;
  }

  int word() {
    return word;
  }
}
