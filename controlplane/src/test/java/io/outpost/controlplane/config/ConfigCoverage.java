package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.CaseSchema;
import io.outpost.controlplane.yang.Schema;
import io.outpost.controlplane.yang.SchemaNode;
import io.outpost.controlplane.yang.SchemaWalk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which nodes of the schema a set of configurations uses: every data node with an instance, and
 * every case with data. Tests that must exercise the whole schema (the reference sample, the
 * random configurations) ask it what they missed.
 */
public final class ConfigCoverage {
  private final Set<SchemaNode> seen = new HashSet<>();

  public void add(ConfigTree tree) {
    walk(tree.root());
  }

  private void walk(DataNode node) {
    if (node.schema().isData()) {
      seen.add(node.schema());
      seen.addAll(node.schema().enclosingCases());
    }
    if (node instanceof InnerNode inner) {
      inner.children().values().forEach(this::walk);
    } else if (node instanceof ListNode list) {
      list.entries().values().forEach(this::walk);
    }
  }

  /** The data nodes and cases of {@code schema} that none of the added trees uses. */
  public List<String> missing(Schema schema) {
    List<String> missing = new ArrayList<>();
    for (SchemaNode n : SchemaWalk.dataNodes(schema.root())) {
      if (!seen.contains(n)) {
        missing.add(n.schemaPath());
      }
    }
    for (CaseSchema c : SchemaWalk.cases(schema.root())) {
      if (!seen.contains(c)) {
        missing.add("case " + c.name() + " of choice " + c.choice().name() + " in " + c.dataParent().schemaPath());
      }
    }
    return missing;
  }
}
