package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.InteriorSchema;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.SchemaNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The root of a configuration, a container, or one entry of a list: a node whose children are
 * named by their schema nodes. Children are kept by name and always read in schema order.
 */
public record InnerNode(InteriorSchema schema, ListKey key, Map<String, DataNode> children)
    implements DataNode {

  public InnerNode {
    children = Collections.unmodifiableMap(new HashMap<>(children));
  }

  static InnerNode empty(InteriorSchema schema, ListKey key) {
    return new InnerNode(schema, key, Map.of());
  }

  public DataNode child(String name) {
    return children.get(name);
  }

  /** Children in schema order. */
  public List<DataNode> orderedChildren() {
    List<DataNode> ordered = new ArrayList<>(children.size());
    for (SchemaNode s : schema.dataChildren().values()) {
      DataNode c = children.get(s.name());
      if (c != null) {
        ordered.add(c);
      }
    }
    return ordered;
  }

  /** The value of a child leaf, or null. */
  public Object leafValue(String name) {
    return children.get(name) instanceof LeafNode l ? l.value() : null;
  }

  public boolean isListEntry() {
    return schema instanceof ListSchema;
  }

  InnerNode with(DataNode child) {
    Map<String, DataNode> c = new HashMap<>(children);
    c.put(child.schema().name(), child);
    return new InnerNode(schema, key, c);
  }

  InnerNode without(String name) {
    if (!children.containsKey(name)) {
      return this;
    }
    Map<String, DataNode> c = new HashMap<>(children);
    c.remove(name);
    return new InnerNode(schema, key, c);
  }

  /** Whether only key leaves (or nothing) are here: an entry or container with no content. */
  public boolean hasOnlyKeys() {
    for (String name : children.keySet()) {
      if (!(schema instanceof ListSchema l && l.isKey(name))) {
        return false;
      }
    }
    return true;
  }
}
