package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.LeafListSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A leaf-list's values, distinct; sorted unless the leaf-list is ordered by the user. Never
 * empty: a leaf-list without values is absent from the tree.
 */
public record LeafListNode(LeafListSchema schema, List<Object> values) implements DataNode {
  public LeafListNode {
    values = List.copyOf(values);
  }

  LeafListNode with(Object value) {
    if (values.contains(value)) {
      return this;
    }
    List<Object> v = new ArrayList<>(values);
    v.add(value);
    if (!schema.orderedByUser()) {
      v.sort(ListKey::compareValues);
    }
    return new LeafListNode(schema, v);
  }

  LeafListNode without(Object value) {
    List<Object> v = new ArrayList<>(values);
    v.remove(value);
    return v.isEmpty() ? null : new LeafListNode(schema, v);
  }
}
