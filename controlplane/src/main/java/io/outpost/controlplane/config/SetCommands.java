package io.outpost.controlplane.config;

import java.util.List;

/**
 * Applies configuration written as {@code set} and {@code delete} commands, one per line, the
 * form of {@code show configuration | display set} and of {@code load set} files. Blank lines
 * and lines starting with {@code #} are skipped.
 */
public final class SetCommands {
  private SetCommands() {}

  /** Applies one line to {@code tree}; throws with the reason if it does not parse or apply. */
  public static ConfigTree apply(ConfigTree tree, String line) throws CliSyntaxException, ConfigEditException {
    List<String> words;
    try {
      words = CliText.split(line).stream().map(CliText.Word::text).toList();
    } catch (IllegalArgumentException e) {
      throw new CliSyntaxException(0, e.getMessage());
    }
    if (words.isEmpty() || words.getFirst().startsWith("#")) {
      return tree;
    }
    List<String> rest = words.subList(1, words.size());
    return switch (words.getFirst()) {
      case "set" -> parse(tree, rest, CliPathParser.Purpose.SET).applyTo(tree);
      case "delete" -> tree.delete(parse(tree, rest, CliPathParser.Purpose.DELETE).path());
      default -> throw new CliSyntaxException(0, "expected set or delete, found \"" + words.getFirst() + "\"");
    };
  }

  private static CliPathParser.Result parse(ConfigTree tree, List<String> words, CliPathParser.Purpose purpose)
      throws CliSyntaxException {
    try {
      return CliPathParser.parse(tree, DataPath.ROOT, words, purpose);
    } catch (CliSyntaxException e) {
      throw new CliSyntaxException(e.word() + 1, e.getMessage()); // count the verb
    }
  }

  /** Applies a whole text; the first failing line stops it, named by its number. */
  public static ConfigTree applyAll(ConfigTree tree, String text) throws ConfigException {
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      try {
        tree = apply(tree, lines[n]);
      } catch (CliSyntaxException | ConfigEditException e) {
        throw new ConfigException(DataPath.ROOT, "line " + (n + 1) + ": " + e.getMessage()
            + " (" + lines[n].trim() + ")");
      }
    }
    return tree;
  }
}
