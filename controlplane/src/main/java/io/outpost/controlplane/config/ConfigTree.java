package io.outpost.controlplane.config;

import io.outpost.controlplane.config.DataPath.Step;
import io.outpost.controlplane.yang.CaseSchema;
import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.LeafListSchema;
import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.Schema;
import io.outpost.controlplane.yang.SchemaNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole configuration: an immutable tree of {@link DataNode}s under the schema's root.
 *
 * <p>Edits return a new tree and keep the schema's structural rules as they go: list entries
 * carry their key leaves, a node set in one case of a choice removes the nodes of the choice's
 * other cases (RFC 7950 §7.9), and containers without presence that become empty disappear.
 * Rules that span the tree (mandatory nodes, leafrefs, element counts) are checked by
 * {@link ConfigValidator}, because a configuration is legitimately incomplete while being edited.
 */
public final class ConfigTree {
  private final Schema schema;
  private final InnerNode root;

  public ConfigTree(Schema schema, InnerNode root) {
    this.schema = schema;
    this.root = root;
  }

  public static ConfigTree empty(Schema schema) {
    return new ConfigTree(schema, InnerNode.empty(schema.root(), null));
  }

  public Schema schema() {
    return schema;
  }

  public InnerNode root() {
    return root;
  }

  public boolean isEmpty() {
    return root.children().isEmpty();
  }

  /** The node at {@code path}, if present; the root for the root path. */
  public Optional<DataNode> get(DataPath path) {
    DataNode at = root;
    for (Step step : path.steps()) {
      at = childFor(at, step);
      if (at == null) {
        return Optional.empty();
      }
    }
    return Optional.of(at);
  }

  private static DataNode childFor(DataNode at, Step step) {
    if (!(at instanceof InnerNode inner)) {
      return null;
    }
    DataNode child = inner.child(step.node().name());
    if (child instanceof ListNode list && step.key() != null) {
      return list.entry(step.key());
    }
    if (child instanceof LeafListNode ll && step.value() != null) {
      return ll.values().contains(step.value()) ? new LeafListNode(ll.schema(), List.of(step.value())) : null;
    }
    return child;
  }

  public boolean contains(DataPath path) {
    return get(path).isPresent();
  }

  /**
   * Creates what {@code path} names: sets a leaf to {@code value}, adds a leaf-list value, or
   * creates a list entry or presence container; missing ancestors are created on the way.
   */
  public ConfigTree set(DataPath path, Object value) throws ConfigEditException {
    if (path.isRoot()) {
      throw new ConfigEditException(path, "nothing to set at the top");
    }
    return new ConfigTree(schema, setIn(root, path, 0, value));
  }

  private InnerNode setIn(InnerNode node, DataPath path, int i, Object value) throws ConfigEditException {
    Step step = path.steps().get(i);
    boolean last = i == path.steps().size() - 1;
    SchemaNode s = step.node();
    DataNode existing = node.child(s.name());
    DataNode updated;
    switch (s) {
      case ContainerSchema c -> {
        InnerNode child = existing instanceof InnerNode n ? n : InnerNode.empty(c, null);
        updated = last ? child : setIn(child, path, i + 1, value);
        if (!c.isPresence() && ((InnerNode) updated).children().isEmpty()) {
          return node; // a container without presence exists only through its children
        }
      }
      case ListSchema l -> {
        if (step.key() == null) {
          throw new ConfigEditException(path, l.name() + " needs " + keyNames(l));
        }
        ListNode list = existing instanceof ListNode ln ? ln : null;
        InnerNode entry = list == null ? null : list.entry(step.key());
        if (entry == null) {
          entry = newEntry(l, step.key());
        }
        entry = last ? entry : setIn(entry, path, i + 1, value);
        updated = list == null
            ? new ListNode(l, new java.util.LinkedHashMap<>(Map.of(entry.key(), entry)))
            : list.with(entry);
      }
      case LeafSchema leaf -> {
        if (!last) {
          throw new ConfigEditException(path, leaf.name() + " is a leaf");
        }
        if (value == null) {
          throw new ConfigEditException(path, leaf.name() + " needs a value (" + leaf.type().describe() + ")");
        }
        if (!leaf.type().accepts(value)) {
          throw new ConfigEditException(path, value + " is not a valid " + leaf.type().name());
        }
        if (node.schema() instanceof ListSchema l && l.isKey(leaf.name())) {
          if (value.equals(node.leafValue(leaf.name()))) {
            return node;
          }
          throw new ConfigEditException(path, leaf.name() + " is the key of " + l.name()
              + "; to rename, delete the entry and create it again");
        }
        updated = new LeafNode(leaf, value);
      }
      case LeafListSchema ll -> {
        Object v = step.value() != null ? step.value() : value;
        if (!last || v == null) {
          throw new ConfigEditException(path, ll.name() + " needs a value (" + ll.type().describe() + ")");
        }
        updated = existing instanceof LeafListNode lln ? lln.with(v) : new LeafListNode(ll, List.of(v));
        if (updated instanceof LeafListNode lln && lln.values().size() > ll.maxElements()) {
          throw new ConfigEditException(path, ll.name() + " takes at most " + ll.maxElements() + " values");
        }
      }
      default -> throw new ConfigEditException(path, s.name() + " is not a data node");
    }
    return excludeOtherCases(node, s).with(updated);
  }

  private static InnerNode newEntry(ListSchema l, ListKey key) {
    InnerNode entry = InnerNode.empty(l, key);
    for (int k = 0; k < l.keys().size(); k++) {
      entry = entry.with(new LeafNode(l.keys().get(k), key.values().get(k)));
    }
    return entry;
  }

  /** Removes siblings that belong to another case of a choice that {@code added} is in. */
  private static InnerNode excludeOtherCases(InnerNode node, SchemaNode added) {
    List<CaseSchema> cases = added.enclosingCases();
    if (cases.isEmpty()) {
      return node;
    }
    InnerNode result = node;
    for (DataNode sibling : node.children().values()) {
      if (sibling.schema() == added) {
        continue;
      }
      for (CaseSchema other : sibling.schema().enclosingCases()) {
        if (cases.stream().anyMatch(c -> c.choice() == other.choice() && c != other)) {
          result = result.without(sibling.schema().name());
          break;
        }
      }
    }
    return result;
  }

  /** Removes what {@code path} names, and containers without presence left empty by it. */
  public ConfigTree delete(DataPath path) {
    if (path.isRoot()) {
      return empty(schema);
    }
    InnerNode r = deleteIn(root, path, 0);
    return r == root ? this : new ConfigTree(schema, r);
  }

  private InnerNode deleteIn(InnerNode node, DataPath path, int i) {
    Step step = path.steps().get(i);
    boolean last = i == path.steps().size() - 1;
    String name = step.node().name();
    DataNode existing = node.child(name);
    if (existing == null) {
      return node;
    }
    DataNode updated;
    switch (existing) {
      case ListNode list when step.key() != null -> {
        InnerNode entry = list.entry(step.key());
        if (entry == null) {
          return node;
        }
        if (last) {
          updated = list.without(step.key());
        } else {
          InnerNode e = deleteIn(entry, path, i + 1);
          if (e == entry) {
            return node;
          }
          updated = list.with(e);
        }
      }
      case LeafListNode ll when step.value() != null -> updated = ll.without(step.value());
      case InnerNode inner when !last -> {
        InnerNode c = deleteIn(inner, path, i + 1);
        if (c == inner) {
          return node;
        }
        boolean presence = c.schema() instanceof ContainerSchema cs && cs.isPresence();
        updated = c.children().isEmpty() && !presence ? null : c;
      }
      default -> {
        if (!last) {
          return node;
        }
        updated = null;
      }
    }
    return updated == null ? node.without(name) : node.with(updated);
  }

  /**
   * A tree holding only the node at {@code path} and its ancestors (list entries on the way keep
   * their keys): what {@code show configuration interfaces | display json} prints.
   */
  public ConfigTree restrictTo(DataPath path) {
    if (path.isRoot()) {
      return this;
    }
    InnerNode r = restrictIn(root, path, 0);
    return new ConfigTree(schema, r == null ? InnerNode.empty(schema.root(), null) : r);
  }

  private static InnerNode restrictIn(InnerNode node, DataPath path, int i) {
    Step step = path.steps().get(i);
    boolean last = i == path.steps().size() - 1;
    DataNode child = node.child(step.node().name());
    DataNode kept;
    switch (child) {
      case null -> {
        return null;
      }
      case ListNode list when step.key() != null -> {
        InnerNode entry = list.entry(step.key());
        if (entry == null) {
          return null;
        }
        InnerNode e = last ? entry : restrictIn(entry, path, i + 1);
        if (e == null) {
          return null;
        }
        kept = new ListNode(list.schema(), new java.util.LinkedHashMap<>(Map.of(e.key(), e)));
      }
      case LeafListNode ll when step.value() != null -> {
        if (!ll.values().contains(step.value())) {
          return null;
        }
        kept = new LeafListNode(ll.schema(), List.of(step.value()));
      }
      case InnerNode inner when !last -> {
        kept = restrictIn(inner, path, i + 1);
        if (kept == null) {
          return null;
        }
      }
      default -> kept = child;
    }
    InnerNode shell = new InnerNode(node.schema(), node.key(), Map.of());
    if (node.schema() instanceof ListSchema l) {
      for (LeafSchema k : l.keys()) {
        shell = shell.with(node.child(k.name()));
      }
    }
    return shell.with(kept);
  }

  /** This tree with {@code overlay} merged in: overlay's leaves win, lists and leaf-lists unite. */
  public ConfigTree merge(ConfigTree overlay) {
    return new ConfigTree(schema, mergeInner(root, overlay.root));
  }

  private static InnerNode mergeInner(InnerNode base, InnerNode overlay) {
    InnerNode result = base;
    for (DataNode o : overlay.children().values()) {
      DataNode b = result.child(o.schema().name());
      DataNode merged = switch (o) {
        case InnerNode oi when b instanceof InnerNode bi -> mergeInner(bi, oi);
        case ListNode ol when b instanceof ListNode bl -> {
          ListNode l = bl;
          for (InnerNode entry : ol.entries().values()) {
            InnerNode be = l.entry(entry.key());
            l = l.with(be == null ? entry : mergeInner(be, entry));
          }
          yield l;
        }
        case LeafListNode oll when b instanceof LeafListNode bll -> {
          LeafListNode l = bll;
          for (Object v : oll.values()) {
            l = l.with(v);
          }
          yield l;
        }
        default -> o;
      };
      result = excludeOtherCases(result, o.schema()).with(merged);
    }
    return result;
  }

  private static String keyNames(ListSchema l) {
    return String.join(" ", l.keys().stream().map(k -> "<" + k.name() + ">").toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigTree t && t.root.equals(root);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root);
  }
}
