package io.outpost.controlplane.yang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outpost.controlplane.config.ConfigCoverage;
import io.outpost.controlplane.config.ConfigEditException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataNode;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.config.InnerNode;
import io.outpost.controlplane.config.LeafNode;
import io.outpost.controlplane.config.ListNode;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.config.ReferenceSample;
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
 * libyang's defaults are ours: for a configuration, what yanglint prints with every default
 * filled in ({@code -d all}) equals the configuration with {@link LeafSchema#defaultValue()}
 * added wherever RFC 7950 section 7.6.1 says a default applies (the leaf is absent, its nearest
 * ancestor that is not a non-presence container exists, and it is in no case or in the case
 * that has data). Our subsystems read defaults through ConfigView, which takes the same values.
 */
@Tag("yanglint")
class YanglintDefaultsTest {
  private static final long SEED = 7951L;

  @Test
  void yanglintFillsInTheDefaultsWeUse(@TempDir Path scratch) throws Exception {
    Schema schema = OutpostModules.schema();
    Map<String, ConfigTree> configs = new LinkedHashMap<>();
    configs.put("empty", ConfigTree.empty(schema));
    configs.put("reference-sample-without-defaulted-leaves", withoutDefaultedLeaves(ReferenceSample.tree()));
    RandomConfigs random = new RandomConfigs(schema, new Random(SEED));
    for (int i = 0; i < 50; i++) {
      configs.put("random-" + i, random.next());
    }

    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, ConfigTree> c : configs.entrySet()) {
      Path file = scratch.resolve(c.getKey() + ".json");
      Files.writeString(file, ConfigJson.writePretty(c.getValue()), StandardCharsets.UTF_8);
      files.add(file);
    }
    Map<Path, Yanglint.Verdict> verdicts = Yanglint.outpost(scratch).validate(files, "-f", "json", "-d", "all");

    ConfigCoverage coverage = new ConfigCoverage();
    List<String> failures = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, ConfigTree> c : configs.entrySet()) {
      Yanglint.Verdict verdict = verdicts.get(files.get(i++));
      ConfigTree ours = withDefaults(c.getValue());
      coverage.add(ours);
      if (!verdict.accepted()) {
        failures.add(c.getKey() + " refused: " + verdict.reasons());
        continue;
      }
      ConfigTree theirs = ConfigJson.read(schema, verdict.output());
      if (!theirs.equals(ours)) {
        failures.add(c.getKey() + ": with defaults, we have\n" + ConfigJson.writePretty(ours) + "yanglint has\n"
            + verdict.output());
      }
    }
    assertEquals(List.of(), failures, String.join("\n\n", failures));
    List<String> missing = coverage.missing(schema);
    List<String> uncovered = SchemaWalk.leaves(schema.root()).stream()
        .filter(l -> l.defaultValue() != null).map(LeafSchema::schemaPath).filter(missing::contains).toList();
    assertEquals(List.of(), uncovered, "leaves with a default that no configuration here let yanglint fill in");
  }

  /** The tree with every default that applies added, as RFC 7950 section 7.6.1 describes. */
  static ConfigTree withDefaults(ConfigTree tree) throws ConfigEditException {
    return fill(tree, DataPath.ROOT, tree.schema().root(), tree.root());
  }

  /** Adds defaults for the children of {@code schema} under {@code node} (null: not in the data). */
  private static ConfigTree fill(ConfigTree tree, DataPath path, InteriorSchema schema, InnerNode node)
      throws ConfigEditException {
    for (SchemaNode child : schema.children().values()) {
      DataNode data = node == null ? null : node.child(child.name());
      switch (child) {
        case LeafSchema leaf when leaf.defaultValue() != null && data == null ->
            tree = tree.set(path.child(leaf), leaf.defaultValue());
        case ContainerSchema c when !c.isPresence() -> tree = fill(tree, path.child(c), c, (InnerNode) data);
        case ContainerSchema c when data != null -> tree = fill(tree, path.child(c), c, (InnerNode) data);
        case ListSchema l when data != null -> {
          for (InnerNode entry : ((ListNode) data).entries().values()) {
            tree = fill(tree, path.entry(l, entry.key()), l, entry);
          }
        }
        case ChoiceSchema choice -> {
          CaseSchema active = activeCase(choice, node);
          if (active != null) {
            tree = fill(tree, path, active, node);
          }
        }
        default -> {
          // a leaf without default or already set, an absent presence container or list
        }
      }
    }
    return tree;
  }

  /** The case with data, or else the choice's default case (section 7.9.3), or null. */
  private static CaseSchema activeCase(ChoiceSchema choice, InnerNode node) {
    for (SchemaNode c : choice.children().values()) {
      if (node != null && ((CaseSchema) c).dataChildren().keySet().stream().anyMatch(n -> node.child(n) != null)) {
        return (CaseSchema) c;
      }
    }
    return choice.defaultCase() == null ? null : (CaseSchema) choice.children().get(choice.defaultCase());
  }

  /** The tree without the leaves that have a default, so that every default must be filled in. */
  private static ConfigTree withoutDefaultedLeaves(ConfigTree tree) {
    List<DataPath> defaulted = new ArrayList<>();
    collectDefaulted(tree.root(), DataPath.ROOT, defaulted);
    for (DataPath p : defaulted) {
      tree = tree.delete(p);
    }
    return tree;
  }

  private static void collectDefaulted(InnerNode node, DataPath path, List<DataPath> into) {
    for (DataNode child : node.children().values()) {
      switch (child) {
        case InnerNode inner -> collectDefaulted(inner, path.child(inner.schema()), into);
        case ListNode list -> list.entries().values()
            .forEach(e -> collectDefaulted(e, path.entry(list.schema(), e.key()), into));
        case LeafNode leaf when leaf.schema().defaultValue() != null -> into.add(path.child(leaf.schema()));
        default -> {
          // no default to remove
        }
      }
    }
  }
}
