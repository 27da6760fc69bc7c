package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.CliText;
import java.util.List;
import java.util.Map;

/**
 * The words of a command after its keywords, with their positions in the whole line so errors
 * can point at them, and the options when the command takes options.
 *
 * @param offset the index in the line's words of {@code words.get(0)}
 */
record Args(List<CliText.Word> words, int offset, Map<String, String> options) {
  List<String> texts() {
    return words.stream().map(CliText.Word::text).toList();
  }

  boolean isEmpty() {
    return words.isEmpty();
  }

  int size() {
    return words.size();
  }

  String get(int i) {
    return words.get(i).text();
  }

  /** The index in the whole line of argument {@code i}, for a caret. */
  int lineIndex(int i) {
    return offset + i;
  }

  CliError error(String message, int argument) {
    return new CliError(message, offset + argument);
  }

  /** Fails unless there are at most {@code n} arguments. */
  void atMost(int n) throws CliError {
    if (words.size() > n) {
      throw error("syntax error: unexpected \"" + get(n) + "\"", n);
    }
  }
}
