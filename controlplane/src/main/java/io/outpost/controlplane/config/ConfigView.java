package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.InteriorSchema;
import io.outpost.controlplane.yang.LeafListSchema;
import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.SchemaNode;
import java.util.List;

/**
 * A read-only view of one container or list entry for the subsystems' typed bindings: leaves
 * read with their YANG defaults filled in, absent containers read as empty, and every name is
 * checked against the schema, so a binding that drifts from the YANG fails at once rather than
 * reading nothing.
 */
public final class ConfigView {
  private final InteriorSchema schema;
  private final InnerNode node; // null when the container is absent
  private final DataPath path;

  private ConfigView(InteriorSchema schema, InnerNode node, DataPath path) {
    this.schema = schema;
    this.node = node;
    this.path = path;
  }

  /** The view of a top-level container ("system", "interfaces", ...). */
  public static ConfigView top(ConfigTree tree, String name) {
    ConfigView root = new ConfigView(tree.schema().root(), tree.root(), DataPath.ROOT);
    return root.container(name);
  }

  public DataPath path() {
    return path;
  }

  public boolean isPresent() {
    return node != null;
  }

  private SchemaNode child(String name) {
    SchemaNode s = schema.dataChild(name);
    if (s == null) {
      throw new IllegalArgumentException(schema.schemaPath() + " has no child \"" + name + "\"");
    }
    return s;
  }

  /** A leaf's value, its default when absent, or null when it has neither. */
  public Object value(String name) {
    if (!(child(name) instanceof LeafSchema leaf)) {
      throw new IllegalArgumentException(name + " is not a leaf");
    }
    Object v = node == null ? null : node.leafValue(name);
    return v != null ? v : leaf.defaultValue();
  }

  public String string(String name) {
    return (String) value(name);
  }

  public long number(String name) {
    return (Long) value(name);
  }

  public boolean flag(String name) {
    return (Boolean) value(name);
  }

  /** Whether a leaf (of type empty, or any leaf) is set explicitly. */
  public boolean isSet(String name) {
    child(name);
    return node != null && node.child(name) != null;
  }

  public ConfigView container(String name) {
    if (!(child(name) instanceof ContainerSchema c)) {
      throw new IllegalArgumentException(name + " is not a container");
    }
    InnerNode n = node == null ? null : (InnerNode) node.child(name);
    return new ConfigView(c, n, path.child(c));
  }

  /** A list's entries, in their order. */
  public List<ConfigView> list(String name) {
    if (!(child(name) instanceof ListSchema l)) {
      throw new IllegalArgumentException(name + " is not a list");
    }
    if (node == null || !(node.child(name) instanceof ListNode list)) {
      return List.of();
    }
    return list.entries().values().stream()
        .map(e -> new ConfigView(l, e, path.entry(l, e.key()))).toList();
  }

  public List<Object> leafList(String name) {
    if (!(child(name) instanceof LeafListSchema)) {
      throw new IllegalArgumentException(name + " is not a leaf-list");
    }
    return node != null && node.child(name) instanceof LeafListNode ll ? ll.values() : List.of();
  }

  /**
   * The set commands that build this container or entry (none when it is absent): its whole
   * configuration as text, to tell whether two configurations of it differ.
   */
  public List<String> commands() {
    return node == null ? List.of() : SetFormat.commands(node, path);
  }

  /** The path of a child leaf, for error messages. */
  public DataPath pathOf(String leaf) {
    return path.child(child(leaf));
  }
}
