package io.outpost.controlplane.yang;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataNode;
import io.outpost.controlplane.config.InnerNode;
import io.outpost.controlplane.config.LeafNode;
import io.outpost.controlplane.config.ListNode;
import java.util.ArrayList;
import java.util.List;

/** Finds the values of one leaf of the schema wherever it occurs in a configuration. */
final class LeafValues {
  private LeafValues() {}

  /** Every value of {@code leaf} in {@code tree}, in tree order. */
  static List<Object> in(ConfigTree tree, LeafSchema leaf) {
    List<Object> found = new ArrayList<>();
    collect(tree.root(), leaf, found);
    return found;
  }

  private static void collect(DataNode node, LeafSchema leaf, List<Object> into) {
    switch (node) {
      case InnerNode inner -> inner.orderedChildren().forEach(c -> collect(c, leaf, into));
      case ListNode list -> list.entries().values().forEach(e -> collect(e, leaf, into));
      case LeafNode l when l.schema() == leaf -> into.add(l.value());
      default -> {
        // another leaf, or a leaf-list
      }
    }
  }
}
