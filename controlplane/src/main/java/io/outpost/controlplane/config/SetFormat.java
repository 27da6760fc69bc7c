package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.ListSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration as {@code set} commands, one per line: what {@code show configuration |
 * display set} prints, and a form that pastes back into the CLI unchanged.
 */
public final class SetFormat {
  private SetFormat() {}

  /** The set commands that build {@code node} (found at {@code path}) from nothing. */
  public static List<String> commands(DataNode node, DataPath path) {
    List<String> out = new ArrayList<>();
    emit(node, path, out);
    return out;
  }

  public static String render(ConfigTree tree) {
    StringBuilder out = new StringBuilder();
    for (String line : commands(tree.root(), DataPath.ROOT)) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static void emit(DataNode node, DataPath path, List<String> out) {
    switch (node) {
      case LeafNode leaf -> {
        if (!path.parent().isRoot() && isKeyOfParent(path)) {
          return;
        }
        String text = leaf.text();
        boolean empty = leaf.schema().type().builtin().equals("empty");
        out.add("set " + path.toCli() + (empty ? "" : " " + CliText.quoteIfNeeded(text)));
      }
      case LeafListNode ll -> {
        for (Object v : ll.values()) {
          out.add("set " + path.parent().value(ll.schema(), v).toCli());
        }
      }
      case ListNode list -> {
        for (InnerNode entry : list.entries().values()) {
          emit(entry, path.parent().entry(list.schema(), entry.key()), out);
        }
      }
      case InnerNode inner -> {
        int before = out.size();
        for (DataNode child : inner.orderedChildren()) {
          emit(child, path.child(child.schema()), out);
        }
        boolean presence = inner.schema() instanceof ContainerSchema c && c.isPresence();
        if (out.size() == before && !path.isRoot() && (inner.isListEntry() || presence)) {
          out.add("set " + path.toCli());
        }
      }
    }
  }

  /** Key leaves are said by the entry's path already. */
  private static boolean isKeyOfParent(DataPath path) {
    DataPath.Step parent = path.parent().last();
    return parent.key() != null
        && ((ListSchema) parent.node()).isKey(path.last().node().name());
  }
}
