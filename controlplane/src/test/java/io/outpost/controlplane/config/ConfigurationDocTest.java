package io.outpost.controlplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/configuration.md} true. Its reference section must be what {@link
 * ConfigReference} writes now; every {@code set} block must apply from an empty configuration
 * and validate; every {@code json} block must be exactly what the appliance writes for the
 * {@code set} block before it; every example line of the reference must apply to the
 * configuration it was taken from; the {@code set} and {@code delete} commands of the CLI
 * transcripts ({@code text} blocks) must parse and apply; and the validation error the
 * introduction quotes must be the one the validator gives.
 *
 * <p>When the reference is out of date, the whole document with a fresh reference is written to
 * {@code controlplane/target/configuration.md}: copying it over the old one is the fix.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("../docs/configuration.md");
  private static final Path REGENERATED = Path.of("target/configuration.md");

  /** A fenced code block: its info string, its text, and the line its fence opens on. */
  private record Block(String info, String text, int line) {}

  @Test
  void generatedReferenceIsCurrent() throws IOException {
    String doc = read();
    int begin = doc.indexOf(ConfigReference.BEGIN);
    int end = doc.indexOf(ConfigReference.END);
    assertTrue(begin >= 0 && end > begin, "docs/configuration.md must hold the generated reference between "
        + ConfigReference.BEGIN + " and " + ConfigReference.END);
    String current = doc.substring(begin, end + ConfigReference.END.length() + 1);
    String fresh = ConfigReference.render(OutpostModules.schema(), ReferenceSample.tree());
    if (!current.equals(fresh)) {
      Files.createDirectories(REGENERATED.getParent());
      Files.writeString(REGENERATED, doc.substring(0, begin) + fresh + doc.substring(end + ConfigReference.END.length()
          + 1), StandardCharsets.UTF_8);
      fail("the reference in docs/configuration.md is out of date (the YANG or reference-sample.set changed);"
          + " the regenerated document is in controlplane/target/configuration.md: from the repository root,"
          + " cp controlplane/target/configuration.md docs/configuration.md");
    }
  }

  @Test
  void setExamplesApplyAndValidate() throws IOException {
    List<Block> sets = blocks("set");
    assertFalse(sets.isEmpty(), "docs/configuration.md has no set examples");
    for (Block b : sets) {
      assertEquals(List.of(), ConfigValidator.validate(apply(b)), "the set example at line " + b.line + " is invalid");
    }
  }

  @Test
  void jsonExamplesAreWhatTheApplianceWritesForTheSetExampleBefore() throws Exception {
    List<Block> all = blocks(null);
    int checked = 0;
    for (int i = 0; i < all.size(); i++) {
      Block json = all.get(i);
      if (!json.info.equals("json")) {
        continue;
      }
      Block set = null;
      for (int j = i - 1; j >= 0 && set == null; j--) {
        set = all.get(j).info.equals("set") ? all.get(j) : null;
      }
      assertTrue(set != null, "the json example at line " + json.line + " needs a set example before it");
      ConfigTree fromSet = apply(set);
      ConfigTree fromJson = ConfigJson.read(OutpostModules.schema(), json.text);
      assertEquals(SetFormat.render(fromSet), SetFormat.render(fromJson),
          "the json example at line " + json.line + " is not the set example at line " + set.line);
      assertEquals(fromSet, fromJson);
      assertEquals(ConfigJson.writePretty(fromSet), json.text,
          "the json example at line " + json.line + " is not written the way startup.json is");
      checked++;
    }
    assertTrue(checked > 0, "docs/configuration.md has no json example");
  }

  @Test
  void referenceExamplesAreLinesOfTheConfigurationTheyComeFrom() throws Exception {
    ConfigTree sample = ReferenceSample.tree();
    int checked = 0;
    for (String line : read().lines().toList()) {
      String prefix = "- **Example:** `";
      if (line.startsWith(prefix)) {
        String command = line.substring(prefix.length(), line.length() - 1);
        ConfigTree applied = SetCommands.apply(sample, command);
        assertEquals(List.of(), ConfigValidator.validate(applied), command);
        assertEquals(sample, applied, command + " is not a line of the configuration it claims to come from");
        checked++;
      }
    }
    assertTrue(checked > 0, "no reference examples found");
  }

  @Test
  void commandsInCliTranscriptsParseAndApply() throws Exception {
    ConfigTree example = apply(workedExample());
    int checked = 0;
    for (Block b : blocks("text")) {
      for (String line : b.text.lines().toList()) {
        int prompt = line.indexOf("# ");
        String command = prompt < 0 ? "" : line.substring(prompt + 2);
        if (command.startsWith("set ") || command.startsWith("delete ")) {
          SetCommands.apply(example, command);
          checked++;
        }
      }
    }
    assertTrue(checked > 0, "no set or delete commands found in the CLI transcripts");
  }

  @Test
  void quotedValidationErrorIsTheValidators() throws Exception {
    // The mistake the introduction shows, made in the worked example.
    ConfigTree mistaken = SetCommands.apply(apply(workedExample()),
        "set routing static route 198.18.0.0/15 interface eth9");
    List<ConfigError> errors = ConfigValidator.validate(mistaken);
    assertEquals(1, errors.size(), errors::toString);
    String doc = read();
    assertTrue(doc.contains("set routing static route 198.18.0.0/15 interface eth9\n"), "the mistake is not shown");
    assertTrue(doc.contains("\n" + errors.getFirst().describe() + "\n"),
        "docs/configuration.md should quote: " + errors.getFirst().describe());
  }

  /** The worked example: the set block that the first json block shows as JSON. */
  private static Block workedExample() throws IOException {
    Block last = null;
    for (Block b : blocks(null)) {
      if (b.info.equals("json")) {
        break;
      }
      last = b.info.equals("set") ? b : last;
    }
    assertTrue(last != null, "docs/configuration.md has no worked example (a set block, then its json)");
    return last;
  }

  private static ConfigTree apply(Block b) {
    try {
      return SetCommands.applyAll(ConfigTree.empty(OutpostModules.schema()), b.text);
    } catch (ConfigException e) {
      throw new AssertionError("the set example at line " + b.line + " does not apply: " + e.getMessage(), e);
    }
  }

  private static String read() throws IOException {
    return Files.readString(DOC, StandardCharsets.UTF_8);
  }

  /** The fenced blocks of the document with this info string (all of them for null), in order. */
  private static List<Block> blocks(String info) throws IOException {
    List<Block> blocks = new ArrayList<>();
    List<String> lines = read().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("```")) {
        continue;
      }
      String blockInfo = lines.get(i).substring(3).strip();
      StringBuilder text = new StringBuilder();
      int open = i;
      for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
        text.append(lines.get(i)).append('\n');
      }
      if (info == null || info.equals(blockInfo)) {
        blocks.add(new Block(blockInfo, text.toString(), open + 1));
      }
    }
    return blocks;
  }
}
