package io.outpost.controlplane.yang;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * A schema node with children: the root, containers, list entries, choices and cases.
 *
 * <p>{@link #children()} is the schema as written (choices included); {@link #dataChildren()}
 * sees through choices and cases to the data nodes that can appear directly under this node's
 * data instance, which is what readers of data need.
 */
public abstract sealed class InteriorSchema extends SchemaNode
    permits RootSchema, ContainerSchema, ListSchema, ChoiceSchema, CaseSchema {
  private final LinkedHashMap<String, SchemaNode> children = new LinkedHashMap<>();
  private SequencedMap<String, SchemaNode> dataChildren;

  InteriorSchema(String name, YangModule module, String description, String where) {
    super(name, module, description, where);
  }

  void addChild(SchemaNode child) {
    if (children.putIfAbsent(child.name(), child) != null) {
      throw new YangException(child.where(), "duplicate node name \"" + child.name() + "\" in " + this);
    }
    child.setParent(this);
  }

  public SequencedMap<String, SchemaNode> children() {
    return Collections.unmodifiableSequencedMap(children);
  }

  /** Data nodes that may appear directly in this node's data, in schema order. */
  public SequencedMap<String, SchemaNode> dataChildren() {
    if (dataChildren == null) {
      LinkedHashMap<String, SchemaNode> flat = new LinkedHashMap<>();
      collectData(this, flat);
      dataChildren = Collections.unmodifiableSequencedMap(flat);
    }
    return dataChildren;
  }

  private static void collectData(InteriorSchema node, LinkedHashMap<String, SchemaNode> into) {
    for (SchemaNode child : node.children.values()) {
      if (child.isData()) {
        if (into.putIfAbsent(child.name(), child) != null) {
          throw new YangException(child.where(), "duplicate data node name \"" + child.name() + "\"");
        }
      } else {
        collectData((InteriorSchema) child, into);
      }
    }
  }

  public SchemaNode dataChild(String name) {
    return dataChildren().get(name);
  }
}
