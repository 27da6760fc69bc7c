package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.ListSchema;
import java.util.List;

/**
 * The configuration as engineers read it on Junos-style appliances: nested blocks in braces,
 * one statement per line, ending with a semicolon.
 *
 * <pre>
 * interfaces {
 *     interface eth0 {
 *         description "uplink to the ISP";
 *         ipv4 {
 *             address 192.0.2.1/24;
 *         }
 *     }
 * }
 * </pre>
 */
public final class CurlyFormat {
  private static final String INDENT = "    ";

  private CurlyFormat() {}

  /** Everything under {@code node} (its children, not the node itself). */
  public static String render(InnerNode node) {
    StringBuilder out = new StringBuilder();
    children(node, 0, out);
    return out.toString();
  }

  /** One node as a statement of its parent, at the given depth: what compare shows. */
  public static String renderNode(DataNode node, int depth) {
    StringBuilder out = new StringBuilder();
    statement(node, depth, out);
    return out.toString();
  }

  private static void children(InnerNode node, int depth, StringBuilder out) {
    for (DataNode child : node.orderedChildren()) {
      if (node.schema() instanceof ListSchema l && l.isKey(child.schema().name())) {
        continue; // the key is in the entry's header line
      }
      statement(child, depth, out);
    }
  }

  private static void statement(DataNode node, int depth, StringBuilder out) {
    String pad = INDENT.repeat(depth);
    switch (node) {
      case LeafNode leaf -> {
        String text = leaf.text();
        out.append(pad).append(leaf.schema().name());
        if (!text.isEmpty() || !leaf.schema().type().builtin().equals("empty")) {
          out.append(' ').append(CliText.quoteIfNeeded(text));
        }
        out.append(";\n");
      }
      case LeafListNode ll -> {
        List<String> values = ll.values().stream()
            .map(v -> CliText.quoteIfNeeded(ll.schema().type().format(v))).toList();
        out.append(pad).append(ll.schema().name()).append(' ')
            .append(values.size() == 1 ? values.getFirst() : "[ " + String.join(" ", values) + " ]")
            .append(";\n");
      }
      case ListNode list -> {
        for (InnerNode entry : list.entries().values()) {
          block(list.schema().name() + " " + entry.key().format(list.schema()), entry, depth, out);
        }
      }
      case InnerNode inner -> {
        if (inner.schema() instanceof ListSchema l) {
          block(l.name() + " " + inner.key().format(l), inner, depth, out);
        } else {
          block(inner.schema().name(), inner, depth, out);
        }
      }
    }
  }

  private static void block(String header, InnerNode node, int depth, StringBuilder out) {
    String pad = INDENT.repeat(depth);
    boolean empty = node.hasOnlyKeys()
        && (node.schema() instanceof ListSchema || node.schema() instanceof ContainerSchema);
    if (empty) {
      out.append(pad).append(header).append(";\n");
      return;
    }
    out.append(pad).append(header).append(" {\n");
    children(node, depth + 1, out);
    out.append(pad).append("}\n");
  }
}
