package io.outpost.controlplane.yang;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of the compiled schema tree. Data nodes (container, list, leaf, leaf-list) appear in
 * configuration data; choice and case only constrain which data nodes may appear together.
 */
public abstract sealed class SchemaNode
    permits InteriorSchema, LeafSchema, LeafListSchema {
  private final String name;
  private final YangModule module;
  private final String description;
  private final String where;
  private InteriorSchema parent;

  SchemaNode(String name, YangModule module, String description, String where) {
    this.name = name;
    this.module = module;
    this.description = description == null ? "" : description;
    this.where = where;
  }

  public String name() {
    return name;
  }

  public YangModule module() {
    return module;
  }

  /** The description statement, whitespace-folded to one paragraph; empty if there is none. */
  public String description() {
    return description;
  }

  /** The first sentence of the description, for one-line '?' help. */
  public String summary() {
    String d = description.replaceAll("\\s+", " ").trim();
    int dot = d.indexOf(". ");
    return dot < 0 ? (d.endsWith(".") ? d.substring(0, d.length() - 1) : d) : d.substring(0, dot);
  }

  /** {@code file:line} of the statement that defined this node. */
  public String where() {
    return where;
  }

  public InteriorSchema parent() {
    return parent;
  }

  void setParent(InteriorSchema parent) {
    this.parent = parent;
  }

  /** Whether this node appears in data (container, list, leaf, leaf-list). */
  public boolean isData() {
    return this instanceof ContainerSchema || this instanceof ListSchema
        || this instanceof LeafSchema || this instanceof LeafListSchema;
  }

  /** The nearest data ancestor (or the root): where this node's data instance lives. */
  public InteriorSchema dataParent() {
    InteriorSchema p = parent;
    while (p instanceof ChoiceSchema || p instanceof CaseSchema) {
      p = p.parent();
    }
    return p;
  }

  /** The choices and cases between this node and its data parent, outermost first. */
  public List<CaseSchema> enclosingCases() {
    List<CaseSchema> cases = new ArrayList<>();
    SchemaNode n = this;
    while (n.parent instanceof CaseSchema c) {
      cases.addFirst(c);
      n = c.parent(); // the choice
    }
    return cases;
  }

  /** A schema path such as {@code /outpost-interfaces:interfaces/interface/mtu}, for messages. */
  public String schemaPath() {
    StringBuilder path = new StringBuilder();
    for (SchemaNode n = this; n != null && !(n instanceof RootSchema); n = n.parent) {
      if (!n.isData()) {
        continue;
      }
      boolean qualify = n.dataParent() instanceof RootSchema
          || !n.dataParent().module().name().equals(n.module.name());
      path.insert(0, "/" + (qualify ? n.module.name() + ":" : "") + n.name);
    }
    return path.toString();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + schemaPath();
  }
}
