package io.outpost.controlplane.yang;

import io.outpost.controlplane.config.ConfigEditException;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.config.ListKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random complete configurations, made by walking the schema: a random subset of its nodes with
 * random valid values ({@link RandomValues}), one to three entries per list with distinct keys,
 * exactly one case of every mandatory choice, and leafrefs that point at entries made earlier in
 * the walk. Every tree it makes is meant to be valid, which the tests hold both our validator and
 * yanglint to.
 *
 * <p>Leafref targets must come before their references in schema order, as they do in Outpost's
 * modules (interfaces before routing); a reference with no target yet is left out, and the tests'
 * coverage check notices if that makes a node never appear.
 */
final class RandomConfigs {
  private static final int PERCENT_PRESENT = 60;
  private static final int MAX_ENTRIES = 3;

  private final Schema schema;
  private final Random random;

  RandomConfigs(Schema schema, Random random) {
    this.schema = schema;
    this.random = random;
  }

  ConfigTree next() {
    try {
      return fill(ConfigTree.empty(schema), DataPath.ROOT, schema.root(), false);
    } catch (ConfigEditException | InvalidValueException e) {
      throw new AssertionError("the generator made an invalid edit: " + e.getMessage(), e);
    }
  }

  /**
   * Adds random content to the instance at {@code at} from the children of {@code node} (the
   * instance's own schema node, or one of its cases); with {@code force}, at least one data node.
   */
  private ConfigTree fill(ConfigTree tree, DataPath at, InteriorSchema node, boolean force)
      throws ConfigEditException, InvalidValueException {
    List<SchemaNode> children = new ArrayList<>();
    for (SchemaNode child : node.children().values()) {
      if (!(node instanceof ListSchema l && l.isKey(child.name()))) {
        children.add(child);
      }
    }
    SchemaNode required = null;
    if (force) {
      ConfigTree current = tree;
      List<SchemaNode> possible = children.stream().filter(c -> canHaveData(current, c)).toList();
      if (possible.isEmpty()) {
        throw new AssertionError("nothing can be generated in " + node + ", which must have data");
      }
      required = possible.get(random.nextInt(possible.size()));
    }
    for (SchemaNode child : children) {
      boolean include = child == required || random.nextInt(100) < PERCENT_PRESENT;
      switch (child) {
        case LeafSchema leaf -> {
          if ((include || leaf.isMandatory()) && canHaveData(tree, leaf)) {
            tree = tree.set(at.child(leaf), value(tree, leaf.type()));
          }
        }
        case LeafListSchema ll -> {
          long count = Math.max(ll.minElements(), include ? 1 + random.nextInt(MAX_ENTRIES) : 0);
          for (long i = 0; i < Math.min(count, ll.maxElements()) && canHaveData(tree, ll); i++) {
            tree = tree.set(at.value(ll, value(tree, ll.type())), null);
          }
        }
        case ContainerSchema c when c.isPresence() -> {
          if (include) {
            tree = fill(tree.set(at.child(c), null), at.child(c), c, false);
          }
        }
        case ContainerSchema c -> {
          if (include) {
            tree = fill(tree, at.child(c), c, child == required);
          }
        }
        case ListSchema l -> {
          long count = Math.max(l.minElements(), include ? 1 + random.nextInt(MAX_ENTRIES) : 0);
          for (long i = 0; i < Math.min(count, l.maxElements()) && canHaveData(tree, l); i++) {
            ListKey key = newKey(tree, at, l);
            if (key != null) {
              DataPath entry = at.entry(l, key);
              tree = fill(tree.set(entry, null), entry, l, false);
            }
          }
        }
        case ChoiceSchema choice -> {
          if (include || choice.isMandatory()) {
            ConfigTree current = tree;
            List<SchemaNode> cases = choice.children().values().stream().filter(c -> canHaveData(current, c)).toList();
            tree = fill(tree, at, (CaseSchema) cases.get(random.nextInt(cases.size())), true);
          }
        }
        default -> throw new IllegalStateException("unexpected schema node " + child);
      }
    }
    return tree;
  }

  /** Whether data can be made for {@code node} now: a leafref needs an existing target. */
  private boolean canHaveData(ConfigTree tree, SchemaNode node) {
    return switch (node) {
      case LeafSchema leaf -> canHaveValue(tree, leaf.type());
      case LeafListSchema ll -> canHaveValue(tree, ll.type());
      case ListSchema l -> l.keys().stream().allMatch(k -> canHaveValue(tree, k.type()));
      case ContainerSchema c when c.isPresence() -> true;
      case InteriorSchema inner -> inner.children().values().stream().anyMatch(c -> canHaveData(tree, c));
    };
  }

  private boolean canHaveValue(ConfigTree tree, LeafType type) {
    return !(type instanceof LeafrefType ref) || !LeafValues.in(tree, ref.target()).isEmpty();
  }

  private Object value(ConfigTree tree, LeafType type) throws InvalidValueException {
    if (type instanceof LeafrefType ref) {
      List<Object> targets = LeafValues.in(tree, ref.target());
      return targets.get(random.nextInt(targets.size()));
    }
    return type.parse(RandomValues.text(type, random));
  }

  /** A key no entry of the list has yet, or null if a few tries found none. */
  private ListKey newKey(ConfigTree tree, DataPath at, ListSchema l) throws InvalidValueException {
    for (int attempt = 0; attempt < 10; attempt++) {
      List<Object> values = new ArrayList<>();
      for (LeafSchema k : l.keys()) {
        values.add(value(tree, k.type()));
      }
      ListKey key = new ListKey(values);
      if (!tree.contains(at.entry(l, key))) {
        return key;
      }
    }
    return null;
  }
}
