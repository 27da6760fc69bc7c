package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.ListSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * The entries of one list, by key: sorted by key unless the list is ordered by the user, in which
 * case they keep the order in which they were created. Never empty: a list without entries is
 * absent from the tree.
 */
public record ListNode(ListSchema schema, SequencedMap<ListKey, InnerNode> entries) implements DataNode {
  public ListNode {
    entries = Collections.unmodifiableSequencedMap(copy(schema, entries));
  }

  private static SequencedMap<ListKey, InnerNode> copy(ListSchema schema, SequencedMap<ListKey, InnerNode> from) {
    if (schema.orderedByUser()) {
      return new LinkedHashMap<>(from);
    }
    TreeMap<ListKey, InnerNode> sorted = new TreeMap<>(ListKey.ORDER);
    sorted.putAll(from);
    return sorted;
  }

  /** Entries of a list ordered by the user compare in order too: the order is configuration. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ListNode other) || other.schema != schema || !other.entries.equals(entries)) {
      return false;
    }
    return !schema.orderedByUser()
        || java.util.List.copyOf(entries.values()).equals(java.util.List.copyOf(other.entries.values()));
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  public InnerNode entry(ListKey key) {
    return entries.get(key);
  }

  ListNode with(InnerNode entry) {
    SequencedMap<ListKey, InnerNode> e = new LinkedHashMap<>(entries);
    e.put(entry.key(), entry);
    return new ListNode(schema, e);
  }

  ListNode without(ListKey key) {
    SequencedMap<ListKey, InnerNode> e = new LinkedHashMap<>(entries);
    e.remove(key);
    return e.isEmpty() ? null : new ListNode(schema, e);
  }
}
