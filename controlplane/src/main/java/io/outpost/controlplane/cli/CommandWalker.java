package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.CliPathParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the words of a command line against a {@link Command} tree, for execution and for
 * completion alike.
 *
 * <p>Keywords may be abbreviated to any unique prefix ({@code sh conf} for {@code show
 * configuration}), as on Junos — except where the command also takes free words (an interface
 * name), where only exact keywords count so that a name is never mistaken for one.
 */
public final class CommandWalker {
  private CommandWalker() {}

  /** The command the keywords lead to, and how many words they took. */
  record Match(Command command, int consumed) {}

  static Match walk(List<Command> roots, List<String> words) throws CliError {
    Match m = keywords(roots, words);
    Command current = m.command();
    int i = m.consumed();
    List<Command> choices = current == null ? roots : current.children();
    if (current == null) {
      throw new CliError("syntax error: expecting one of " + names(roots), words.isEmpty() ? -1 : 0);
    }
    if (i < words.size() && current.tail() instanceof Command.None) {
      throw new CliError("syntax error: \"" + words.get(i) + "\" is not valid here"
          + (choices.isEmpty() ? "" : "; expecting one of " + names(choices)), i);
    }
    return new Match(current, i);
  }

  /** Follows keywords from the start for as long as they match; the command is null if none does. */
  private static Match keywords(List<Command> roots, List<String> words) throws CliError {
    List<Command> choices = roots;
    Command current = null;
    int i = 0;
    while (i < words.size()) {
      Command next = resolve(choices, words.get(i), i, current == null || current.tail() instanceof Command.None);
      if (next == null) {
        break;
      }
      current = next;
      choices = next.children();
      i++;
    }
    return new Match(current, i);
  }

  /** The child named {@code word}: exactly, or by a unique prefix where prefixes are allowed. */
  static Command resolve(List<Command> choices, String word, int index, boolean prefixes) throws CliError {
    for (Command c : choices) {
      if (c.word().equals(word)) {
        return c;
      }
    }
    if (!prefixes) {
      return null;
    }
    List<Command> matches = choices.stream().filter(c -> c.word().startsWith(word)).toList();
    if (matches.size() > 1) {
      throw new CliError("\"" + word + "\" is ambiguous: " + names(matches), index);
    }
    return matches.isEmpty() ? null : matches.getFirst();
  }

  /** Parses an option tail: each option once, in any order, with its argument if it takes one. */
  static Map<String, String> options(Command.Options spec, List<String> words, int offset) throws CliError {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < words.size()) {
      Command.Option o = option(spec, words.get(i), offset + i);
      if (o == null) {
        throw new CliError("syntax error: \"" + words.get(i) + "\" is not an option here; expecting one of "
            + String.join(", ", spec.options().stream().map(Command.Option::word).toList()), offset + i);
      }
      if (out.containsKey(o.word())) {
        throw new CliError(o.word() + " is given twice", offset + i);
      }
      i++;
      String arg = "";
      if (o.argument() != null) {
        boolean next = i < words.size() && (!o.argumentOptional() || option(spec, words.get(i), offset + i) == null);
        if (next) {
          arg = words.get(i++);
        } else if (!o.argumentOptional()) {
          throw new CliError("missing argument: " + o.word() + " " + o.argument(), offset + i);
        }
      }
      out.put(o.word(), arg);
    }
    return out;
  }

  private static Command.Option option(Command.Options spec, String word, int index) throws CliError {
    for (Command.Option o : spec.options()) {
      if (o.word().equals(word)) {
        return o;
      }
    }
    List<Command.Option> m = spec.options().stream().filter(o -> o.word().startsWith(word)).toList();
    if (m.size() > 1) {
      throw new CliError("\"" + word + "\" is ambiguous", index);
    }
    return m.isEmpty() ? null : m.getFirst();
  }

  /** One possible next word and its help; {@code placeholder} words are not typed literally. */
  public record Suggestion(String word, String help, boolean placeholder) {}

  /**
   * What may follow {@code words} (all complete), given the session's state for configuration
   * paths and argument values. Includes {@code <[Enter]>} where the command may end here.
   */
  static List<Suggestion> next(List<Command> roots, List<String> words, CliSession session) {
    Match m;
    try {
      m = keywords(roots, words);
    } catch (CliError e) {
      return List.of();
    }
    Command current = m.command();
    int i = m.consumed();
    List<Command> choices = current == null ? roots : current.children();
    List<Suggestion> out = new ArrayList<>();
    List<String> rest = words.subList(i, words.size());
    if (rest.isEmpty()) {
      for (Command c : choices) {
        out.add(new Suggestion(c.word(), c.help(), false));
      }
    }
    if (current == null) {
      return out;
    }
    boolean canEnd = current.handler() != null;
    switch (current.tail()) {
      case Command.None n -> {
        if (!rest.isEmpty()) {
          return List.of();
        }
      }
      case Command.Path p -> {
        for (CliPathParser.Suggestion s : session.pathSuggestions(p, rest)) {
          out.add(new Suggestion(s.word(), s.help(), s.placeholder()));
        }
        canEnd &= session.pathComplete(p, rest);
      }
      case Command.Arguments a -> {
        if (rest.isEmpty()) {
          out.add(new Suggestion("<" + a.name() + ">", a.help(), true));
          for (String v : a.values().apply(session)) {
            out.add(new Suggestion(v, "", false));
          }
        }
      }
      case Command.Options o -> optionSuggestions(o, rest, out);
    }
    if (canEnd) {
      out.add(new Suggestion("<[Enter]>", "Execute this command", true));
    }
    return out;
  }

  private static void optionSuggestions(Command.Options spec, List<String> rest, List<Suggestion> out) {
    Map<String, String> given;
    try {
      given = options(spec, rest, 0);
    } catch (CliError e) {
      // the last option lacks its argument: suggest the argument
      if (!rest.isEmpty()) {
        for (Command.Option o : spec.options()) {
          if (o.word().equals(rest.getLast()) && o.argument() != null) {
            out.add(new Suggestion(o.argument(), o.help(), true));
          }
        }
      }
      return;
    }
    for (Command.Option o : spec.options()) {
      if (!given.containsKey(o.word())) {
        out.add(new Suggestion(o.word(), o.help(), false));
      }
    }
    if (!rest.isEmpty()) {
      for (Command.Option o : spec.options()) {
        if (o.word().equals(rest.getLast()) && o.argumentOptional()) {
          out.add(new Suggestion(o.argument(), o.help(), true));
        }
      }
    }
  }

  static String names(List<Command> commands) {
    return String.join(", ", commands.stream().map(Command::word).toList());
  }
}
