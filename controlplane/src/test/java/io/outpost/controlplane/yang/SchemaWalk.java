package io.outpost.controlplane.yang;

import java.util.ArrayList;
import java.util.List;

/** Lists the nodes of a compiled schema, in schema order, for tests that must cover all of them. */
public final class SchemaWalk {
  private SchemaWalk() {}

  /** Every data node (container, list, leaf, leaf-list) below {@code from}, choices seen through. */
  public static List<SchemaNode> dataNodes(InteriorSchema from) {
    List<SchemaNode> out = new ArrayList<>();
    collect(from, out);
    return out.stream().filter(SchemaNode::isData).toList();
  }

  /** Every case of every choice below {@code from}. */
  public static List<CaseSchema> cases(InteriorSchema from) {
    List<SchemaNode> out = new ArrayList<>();
    collect(from, out);
    return out.stream().filter(CaseSchema.class::isInstance).map(CaseSchema.class::cast).toList();
  }

  /** Every leaf below {@code from}. */
  public static List<LeafSchema> leaves(InteriorSchema from) {
    return dataNodes(from).stream().filter(LeafSchema.class::isInstance).map(LeafSchema.class::cast).toList();
  }

  private static void collect(InteriorSchema node, List<SchemaNode> out) {
    for (SchemaNode child : node.children().values()) {
      out.add(child);
      if (child instanceof InteriorSchema inner) {
        collect(inner, out);
      }
    }
  }
}
