package io.outpost.controlplane.yang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outpost.controlplane.config.ConfigCoverage;
import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigValidator;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.config.ReferenceSample;
import io.outpost.controlplane.config.SetCommands;
import io.outpost.controlplane.config.SetFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the appliance writes is valid to libyang: configurations written by {@link
 * ConfigJson#writePretty} (the form of {@code startup.json}, the history and REST) validate with
 * yanglint as complete configuration datastores, and yanglint reads back the same values we wrote.
 * Covered: the empty configuration, the reference sample (every node of every module), and
 * hundreds of random configurations.
 */
@Tag("yanglint")
class YanglintConfigTest {
  private static final int RANDOM_CONFIGS = 300;
  /** Fixed so that a failure reproduces; run with -Dyanglint.seed=N to explore other configurations. */
  private static final long SEED = Long.getLong("yanglint.seed", 20261125L);

  @TempDir
  Path scratch;

  @Test
  void emptyConfiguration() throws Exception {
    assertValidInYanglint(Map.of("empty", ConfigTree.empty(OutpostModules.schema())));
  }

  @Test
  void referenceSampleUsingEveryNode() throws Exception {
    assertValidInYanglint(Map.of("reference-sample", ReferenceSample.tree()));
  }

  @Test
  void randomConfigurations() throws Exception {
    RandomConfigs generator = new RandomConfigs(OutpostModules.schema(), new Random(SEED));
    Map<String, ConfigTree> configs = new LinkedHashMap<>();
    ConfigCoverage coverage = new ConfigCoverage();
    for (int i = 0; i < RANDOM_CONFIGS; i++) {
      ConfigTree tree = generator.next();
      String name = "random-" + i;
      assertEquals(List.of(), ConfigValidator.validate(tree), () -> name + " (seed " + SEED + ") is not valid:\n"
          + ConfigJson.writePretty(tree));
      // The set form too must carry every random value back unchanged (quoting, escapes).
      assertEquals(tree, SetCommands.applyAll(ConfigTree.empty(OutpostModules.schema()), SetFormat.render(tree)),
          () -> name + " (seed " + SEED + ") does not survive the set form:\n" + SetFormat.render(tree));
      configs.put(name, tree);
      coverage.add(tree);
    }
    assertEquals(List.of(), coverage.missing(OutpostModules.schema()),
        "the random configurations never used these nodes; RandomConfigs must reach every node");
    assertValidInYanglint(configs);
  }

  /** Writes each tree as the appliance does, has yanglint validate and print them, and reads that back. */
  private void assertValidInYanglint(Map<String, ConfigTree> configs) throws IOException {
    List<Path> files = new ArrayList<>();
    Map<Path, ConfigTree> byFile = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigTree> c : configs.entrySet()) {
      Path file = scratch.resolve(c.getKey() + ".json");
      Files.writeString(file, ConfigJson.writePretty(c.getValue()), StandardCharsets.UTF_8);
      files.add(file);
      byFile.put(file, c.getValue());
    }
    Map<Path, Yanglint.Verdict> verdicts = Yanglint.outpost(scratch).validate(files, "-f", "json");
    List<String> failures = new ArrayList<>();
    for (Map.Entry<Path, Yanglint.Verdict> v : verdicts.entrySet()) {
      String written = Files.readString(v.getKey(), StandardCharsets.UTF_8);
      if (!v.getValue().accepted()) {
        failures.add(v.getKey().getFileName() + " refused by yanglint: " + v.getValue().reasons() + "\n" + written);
        continue;
      }
      try {
        ConfigTree readBack = ConfigJson.read(OutpostModules.schema(), v.getValue().output());
        if (!readBack.equals(byFile.get(v.getKey()))) {
          failures.add(v.getKey().getFileName() + ": yanglint read other values than we wrote\nwe wrote:\n" + written
              + "yanglint printed:\n" + v.getValue().output());
        }
      } catch (ConfigException e) {
        failures.add(v.getKey().getFileName() + ": we cannot read what yanglint printed: " + e.getMessage() + "\n"
            + v.getValue().output());
      }
    }
    assertEquals(List.of(), failures, () -> "seed " + SEED + ":\n" + String.join("\n\n", failures));
  }
}
