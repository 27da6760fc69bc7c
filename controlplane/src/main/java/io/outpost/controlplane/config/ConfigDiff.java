package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.SchemaNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The differences between two configurations, as the smallest subtrees that changed: a new list
 * entry is one change, not one per leaf. Subtrees shared by reference are skipped without being
 * compared, so diffing a candidate against the running configuration costs what was edited.
 */
public final class ConfigDiff {
  /** One difference: {@code before} null means added, {@code after} null means removed. */
  public record Change(DataPath path, DataNode before, DataNode after) {}

  private ConfigDiff() {}

  public static List<Change> between(ConfigTree before, ConfigTree after) {
    List<Change> changes = new ArrayList<>();
    inner(before.root(), after.root(), DataPath.ROOT, changes);
    return changes;
  }

  /** Whether anything under the top-level node {@code topLevel} differs. */
  public static boolean changedUnder(ConfigTree before, ConfigTree after, String topLevel) {
    DataNode a = before.root().child(topLevel);
    DataNode b = after.root().child(topLevel);
    return a != b && (a == null || !a.equals(b));
  }

  private static void inner(InnerNode a, InnerNode b, DataPath path, List<Change> out) {
    if (a == b) {
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    for (SchemaNode s : (b != null ? b : a).schema().dataChildren().values()) {
      names.add(s.name());
    }
    for (String name : names) {
      DataNode x = a.child(name);
      DataNode y = b.child(name);
      if (x == y || (x != null && x.equals(y))) {
        continue;
      }
      SchemaNode schema = (x != null ? x : y).schema();
      DataPath p = path.child(schema);
      if (x == null || y == null) {
        if (x instanceof ListNode || y instanceof ListNode) {
          ListNode l = (ListNode) (x != null ? x : y);
          for (InnerNode e : l.entries().values()) {
            DataPath ep = path.entry(l.schema(), e.key());
            out.add(x == null ? new Change(ep, null, e) : new Change(ep, e, null));
          }
        } else {
          out.add(new Change(p, x, y));
        }
        continue;
      }
      switch (x) {
        case InnerNode xi -> inner(xi, (InnerNode) y, p, out);
        case ListNode xl -> list(xl, (ListNode) y, path, out);
        case LeafListNode xll -> leafList(xll, (LeafListNode) y, path, out);
        case LeafNode ignored -> out.add(new Change(p, x, y));
      }
    }
  }

  private static void list(ListNode a, ListNode b, DataPath parent, List<Change> out) {
    for (InnerNode e : a.entries().values()) {
      InnerNode f = b.entry(e.key());
      DataPath p = parent.entry(a.schema(), e.key());
      if (f == null) {
        out.add(new Change(p, e, null));
      } else if (!e.equals(f)) {
        inner(e, f, p, out);
      }
    }
    for (InnerNode f : b.entries().values()) {
      if (a.entry(f.key()) == null) {
        out.add(new Change(parent.entry(a.schema(), f.key()), null, f));
      }
    }
    if (a.schema().orderedByUser() && !a.equals(b) && a.entries().keySet().equals(b.entries().keySet())) {
      out.add(new Change(parent.child(a.schema()), a, b)); // same entries, new order
    }
  }

  private static void leafList(LeafListNode a, LeafListNode b, DataPath parent, List<Change> out) {
    for (Object v : a.values()) {
      if (!b.values().contains(v)) {
        out.add(new Change(parent.value(a.schema(), v), new LeafListNode(a.schema(), List.of(v)), null));
      }
    }
    for (Object v : b.values()) {
      if (!a.values().contains(v)) {
        out.add(new Change(parent.value(a.schema(), v), null, new LeafListNode(b.schema(), List.of(v))));
      }
    }
  }
}
