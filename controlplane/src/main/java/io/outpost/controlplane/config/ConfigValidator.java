package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.CaseSchema;
import io.outpost.controlplane.yang.ChoiceSchema;
import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.InteriorSchema;
import io.outpost.controlplane.yang.LeafListSchema;
import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.LeafType;
import io.outpost.controlplane.yang.LeafrefType;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.SchemaNode;
import io.outpost.controlplane.yang.UnionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the rules of the schema that span a whole tree (RFC 7950 §8): mandatory leaves and
 * choices, min- and max-elements, unique, and leafrefs that must point at existing data.
 *
 * <p>Structural rules (types, keys, one case per choice) hold for every {@link ConfigTree} by
 * construction; these rules hold only for a complete configuration, so they are checked at
 * validate and commit, not at every edit. Semantic rules that YANG cannot say (an IPv6
 * link-local gateway needs an interface) belong to the subsystems' own validation.
 */
public final class ConfigValidator {
  private final ConfigTree tree;
  private final List<ConfigError> errors = new ArrayList<>();
  private final Map<LeafSchema, Set<Object>> instances = new HashMap<>();

  private ConfigValidator(ConfigTree tree) {
    this.tree = tree;
  }

  public static List<ConfigError> validate(ConfigTree tree) {
    ConfigValidator v = new ConfigValidator(tree);
    v.walk(tree.root(), DataPath.ROOT);
    return v.errors;
  }

  private void walk(InnerNode node, DataPath path) {
    checkChildren(node, node.schema(), path);
    for (DataNode child : node.orderedChildren()) {
      switch (child) {
        case InnerNode inner -> walk(inner, path.child(inner.schema()));
        case ListNode list -> {
          checkUnique(list, path.child(list.schema()));
          for (InnerNode entry : list.entries().values()) {
            walk(entry, path.entry(list.schema(), entry.key()));
          }
        }
        case LeafNode leaf -> checkLeafref(leaf.schema().type(), leaf.value(), path.child(leaf.schema()));
        case LeafListNode ll -> {
          for (Object v : ll.values()) {
            checkLeafref(ll.schema().type(), v, path.value(ll.schema(), v));
          }
        }
      }
    }
  }

  /**
   * Checks what must be present among the children of {@code schema} (the node itself, or one
   * of its active cases). Absent containers without presence are checked as empty, because
   * their mandatory descendants are still required.
   */
  private void checkChildren(InnerNode node, InteriorSchema schema, DataPath path) {
    for (SchemaNode s : schema.children().values()) {
      switch (s) {
        case LeafSchema leaf when leaf.isMandatory() && node.child(leaf.name()) == null ->
            errors.add(new ConfigError(path, "missing mandatory " + leaf.name()));
        case ContainerSchema c when !c.isPresence() && node.child(c.name()) == null ->
            checkChildren(InnerNode.empty(c, null), c, path.child(c));
        case ListSchema l -> checkCount(l.name(), count(node.child(l.name())), l.minElements(), l.maxElements(), path);
        case LeafListSchema ll ->
            checkCount(ll.name(), count(node.child(ll.name())), ll.minElements(), ll.maxElements(), path);
        case ChoiceSchema choice -> checkChoice(node, choice, path);
        default -> {
          // present containers and list entries are checked when walked into
        }
      }
    }
  }

  private void checkChoice(InnerNode node, ChoiceSchema choice, DataPath path) {
    CaseSchema active = null;
    for (SchemaNode c : choice.children().values()) {
      CaseSchema cs = (CaseSchema) c;
      if (cs.dataChildren().keySet().stream().anyMatch(n -> node.child(n) != null)) {
        active = cs;
      }
    }
    if (active == null && choice.isMandatory()) {
      List<String> options = choice.children().values().stream()
          .flatMap(c -> ((CaseSchema) c).dataChildren().keySet().stream()).toList();
      errors.add(new ConfigError(path, "needs one of " + String.join(", ", options)));
    } else if (active != null) {
      checkChildren(node, active, path);
    }
  }

  private static long count(DataNode node) {
    return switch (node) {
      case null -> 0;
      case ListNode l -> l.entries().size();
      case LeafListNode ll -> ll.values().size();
      default -> 1;
    };
  }

  private void checkCount(String name, long n, long min, long max, DataPath path) {
    if (n < min) {
      errors.add(new ConfigError(path, name + " needs at least " + min + " entries, has " + n));
    } else if (n > max) {
      errors.add(new ConfigError(path, name + " takes at most " + max + " entries, has " + n));
    }
  }

  private void checkUnique(ListNode list, DataPath path) {
    for (List<String> unique : list.schema().uniques()) {
      Map<List<Object>, ListKey> seen = new HashMap<>();
      for (InnerNode entry : list.entries().values()) {
        List<Object> values = new ArrayList<>();
        for (String leafPath : unique) {
          values.add(descendantValue(entry, leafPath));
        }
        if (values.contains(null)) {
          continue; // §7.8.3: the constraint applies to entries where all the leaves exist
        }
        ListKey first = seen.putIfAbsent(values, entry.key());
        if (first != null) {
          errors.add(new ConfigError(path.parent().entry(list.schema(), entry.key()),
              String.join(" ", unique) + " must be unique; entry " + first.format(list.schema()) + " has the same"));
        }
      }
    }
  }

  private static Object descendantValue(InnerNode entry, String leafPath) {
    DataNode at = entry;
    for (String step : leafPath.split("/")) {
      String name = step.substring(step.indexOf(':') + 1);
      at = at instanceof InnerNode i ? i.child(name) : null;
    }
    return at instanceof LeafNode l ? l.value() : null;
  }

  private void checkLeafref(LeafType type, Object value, DataPath path) {
    List<LeafrefType> refs = leafrefs(type);
    if (refs.isEmpty()) {
      return;
    }
    for (LeafrefType ref : refs) {
      if (!ref.requireInstance() || instancesOf(ref.target()).contains(value)) {
        return;
      }
    }
    LeafrefType ref = refs.getFirst();
    errors.add(new ConfigError(path, "\"" + type.format(value) + "\" does not exist: it must name a configured "
        + cliSchemaPath(ref.target().dataParent()) + " (" + ref.path() + ")"));
  }

  private static List<LeafrefType> leafrefs(LeafType type) {
    return switch (type) {
      case LeafrefType r -> List.of(r);
      case UnionType u -> u.members().stream().flatMap(m -> leafrefs(m).stream()).toList();
      default -> List.of();
    };
  }

  /**
   * Every value of {@code target} anywhere in the tree. Exact for absolute leafref paths, which
   * are the only kind Outpost's modules use.
   */
  private Set<Object> instancesOf(LeafSchema target) {
    return instances.computeIfAbsent(target, t -> {
      Set<Object> found = new HashSet<>();
      collect(tree.root(), t, found);
      return found;
    });
  }

  private static void collect(DataNode node, LeafSchema target, Set<Object> into) {
    switch (node) {
      case InnerNode inner -> inner.children().values().forEach(c -> collect(c, target, into));
      case ListNode list -> list.entries().values().forEach(e -> collect(e, target, into));
      case LeafNode leaf -> {
        if (leaf.schema() == target) {
          into.add(leaf.value());
        }
      }
      case LeafListNode ignored -> {
        // a leafref to a leaf-list is not used by our modules
      }
    }
  }

  private static String cliSchemaPath(SchemaNode node) {
    List<String> names = new ArrayList<>();
    for (SchemaNode n = node; n != null && !n.name().isEmpty(); n = n.dataParent()) {
      names.addFirst(n.name());
    }
    return String.join(" ", names);
  }
}
