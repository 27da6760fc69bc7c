package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.CliPathParser;
import java.util.List;
import java.util.function.Function;

/**
 * One word of the CLI grammar: its help text, the words that may follow it, what else may
 * follow (a configuration path, free arguments, options), and the handler that runs when the
 * command line ends here. Completion, '?' help and execution all walk this one tree, so they
 * cannot disagree about what a command is.
 */
record Command(String word, String help, List<Command> children, Tail tail, Handler handler) {

  /** Runs a command; {@code args} are the words after the matched keywords. */
  @FunctionalInterface
  interface Handler {
    Shown run(CliSession session, Args args) throws CliError;
  }

  /** What may follow a command's keywords. */
  sealed interface Tail {}

  /** Nothing more. */
  record None() implements Tail {}

  /** A configuration path; in configuration mode relative to the edit level. */
  record Path(CliPathParser.Purpose purpose, boolean candidate) implements Tail {}

  /** Positional arguments described for help; {@code values} suggests completions. */
  record Arguments(String name, String help, Function<CliSession, List<String>> values) implements Tail {}

  /** Options in any order; an option may take one argument. */
  record Options(List<Option> options) implements Tail {}

  /** One option: {@code confirmed [<minutes>]}, {@code comment <text>}, {@code check}. */
  record Option(String word, String help, String argument, boolean argumentOptional) {}

  static final Tail NONE = new None();

  static Command group(String word, String help, Command... children) {
    return new Command(word, help, List.of(children), NONE, null);
  }

  static Command leaf(String word, String help, Handler handler) {
    return new Command(word, help, List.of(), NONE, handler);
  }

  Command withTail(Tail t) {
    return new Command(word, help, children, t, handler);
  }

  Command withChildren(Command... more) {
    return new Command(word, help, List.of(more), tail, handler);
  }
}
