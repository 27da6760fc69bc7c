package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.ConfigDiff;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.CurlyFormat;
import io.outpost.controlplane.config.DataNode;
import io.outpost.controlplane.config.DiffFormat;
import io.outpost.controlplane.config.InnerNode;
import io.outpost.controlplane.config.SetFormat;
import io.outpost.controlplane.datastore.DatastoreException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The output filters after {@code |}: {@code display set|json} and {@code compare [rollback N]}
 * for configuration, then {@code match}, {@code except}, {@code count} and {@code no-more} for
 * any text, applied left to right as on Junos.
 */
final class Pipes {
  static final List<Command> TREE = List.of(
      Command.group("display", "Show configuration in another form",
          Command.leaf("set", "As set commands", null),
          Command.leaf("json", "As RFC 7951 JSON", null)),
      Command.leaf("compare", "Show differences from the running configuration (or a rollback)", null)
          .withChildren(Command.leaf("rollback", "Compare with a rollback instead", null)
              .withTail(new Command.Arguments("number", "Rollback number (0..49)", s -> List.of()))),
      Command.leaf("match", "Show only lines matching a regular expression", null)
          .withTail(new Command.Arguments("regex", "Java regular expression", s -> List.of())),
      Command.leaf("except", "Show only lines not matching a regular expression", null)
          .withTail(new Command.Arguments("regex", "Java regular expression", s -> List.of())),
      Command.leaf("count", "Count the lines", null),
      Command.leaf("no-more", "Do not paginate", null));

  private Pipes() {}

  /** Applies the pipe segments, each a list of words with its offset in the line. */
  static String apply(CliSession session, Shown shown, List<Args> segments) throws CliError {
    Shown current = shown;
    for (Args segment : segments) {
      CommandWalker.Match m = CommandWalker.walk(TREE, segment.texts());
      List<String> rest = segment.texts().subList(m.consumed(), segment.size());
      Args args = new Args(segment.words().subList(m.consumed(), segment.size()), segment.offset() + m.consumed(),
          java.util.Map.of());
      current = switch (m.command().word()) {
        case "set", "json" -> display(current, m.command().word(), segment);
        case "compare", "rollback" -> compare(session, current, rest, args, segment);
        case "match", "except" -> {
          if (rest.size() != 1) {
            throw args.error(m.command().word() + " takes one regular expression (quote it if it has spaces)", 0);
          }
          Pattern p;
          try {
            p = Pattern.compile(rest.getFirst());
          } catch (PatternSyntaxException e) {
            throw args.error("bad regular expression: " + e.getDescription(), 0);
          }
          boolean keep = m.command().word().equals("match");
          yield Shown.text(filterLines(text(current), line -> p.matcher(line).find() == keep));
        }
        case "count" -> {
          String t = text(current);
          long n = t.isEmpty() ? 0 : t.lines().count();
          yield Shown.text("Count: " + n + " lines\n");
        }
        case "no-more" -> current; // output is never paginated by the daemon; the client pages
        default -> throw new CliError("syntax error: expecting " + CommandWalker.names(TREE), segment.offset());
      };
    }
    return text(current);
  }

  private static Shown display(Shown current, String how, Args segment) throws CliError {
    if (!(current instanceof Shown.Config c)) {
      throw new CliError("display " + how + " applies to configuration output", segment.offset());
    }
    ConfigTree restricted = c.tree().restrictTo(c.path());
    if (how.equals("json")) {
      return Shown.text(ConfigJson.writePretty(restricted));
    }
    return Shown.text(SetFormat.render(restricted));
  }

  private static Shown compare(CliSession session, Shown current, List<String> rest, Args args, Args segment)
      throws CliError {
    if (!(current instanceof Shown.Config c)) {
      throw new CliError("compare applies to configuration output", segment.offset());
    }
    ConfigTree against = c.compareWith();
    if (segment.texts().contains("rollback")) {
      if (rest.size() != 1) {
        throw new CliError("compare rollback needs a number", segment.offset());
      }
      try {
        against = session.services().datastore().rollbackConfig(Integer.parseInt(rest.getFirst()));
      } catch (NumberFormatException e) {
        throw args.error("not a rollback number: " + rest.getFirst(), 0);
      } catch (DatastoreException e) {
        throw args.error(e.getMessage(), 0);
      }
    }
    List<ConfigDiff.Change> changes = ConfigDiff.between(against.restrictTo(c.path()), c.tree().restrictTo(c.path()));
    return Shown.text(DiffFormat.compare(changes));
  }

  /** The text of output; configuration renders in the curly-brace form. */
  static String text(Shown shown) {
    return switch (shown) {
      case Shown.Text t -> t.text();
      case Shown.Config c -> {
        DataNode node = c.tree().get(c.path()).orElse(null);
        if (node == null) {
          yield "";
        }
        // the inside of a container or entry, as Junos shows it; a leaf or list as statements
        yield node instanceof InnerNode inner ? CurlyFormat.render(inner) : CurlyFormat.renderNode(node, 0);
      }
    };
  }

  private static String filterLines(String text, java.util.function.Predicate<String> keep) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && keep.test(line)) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
