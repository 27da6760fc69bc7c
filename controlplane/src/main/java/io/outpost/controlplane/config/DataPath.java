package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.InteriorSchema;
import io.outpost.controlplane.yang.LeafListSchema;
import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.RootSchema;
import io.outpost.controlplane.yang.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of a node in configuration data: a sequence of data schema nodes, with a key where
 * a step enters one list entry and a value where it names one leaf-list value.
 *
 * <p>It prints in the two forms people meet: the CLI's words ({@code interfaces interface eth0
 * mtu}) and the instance-identifier of NETCONF and RESTCONF errors
 * ({@code /outpost-interfaces:interfaces/interface[name='eth0']/mtu}).
 */
public record DataPath(List<Step> steps) {
  /** One step. {@code key} only for a list entry, {@code value} only for a leaf-list value. */
  public record Step(SchemaNode node, ListKey key, Object value) {
    public static Step of(SchemaNode node) {
      return new Step(node, null, null);
    }
  }

  public static final DataPath ROOT = new DataPath(List.of());

  public DataPath {
    steps = List.copyOf(steps);
  }

  public DataPath child(SchemaNode node) {
    return append(Step.of(node));
  }

  public DataPath entry(ListSchema list, ListKey key) {
    return append(new Step(list, key, null));
  }

  public DataPath value(LeafListSchema leafList, Object value) {
    return append(new Step(leafList, null, value));
  }

  private DataPath append(Step step) {
    List<Step> s = new ArrayList<>(steps);
    s.add(step);
    return new DataPath(s);
  }

  public boolean isRoot() {
    return steps.isEmpty();
  }

  public DataPath parent() {
    return new DataPath(steps.subList(0, steps.size() - 1));
  }

  public Step last() {
    return steps.getLast();
  }

  /** Whether this path is {@code other} or inside it. */
  public boolean startsWith(DataPath other) {
    return steps.size() >= other.steps.size() && steps.subList(0, other.steps.size()).equals(other.steps);
  }

  /** The CLI form: space-separated words, keys and values quoted where needed. */
  public String toCli() {
    List<String> words = new ArrayList<>();
    for (Step s : steps) {
      words.add(s.node.name());
      if (s.key != null) {
        words.add(s.key.format((ListSchema) s.node));
      }
      if (s.value != null) {
        words.add(CliText.quoteIfNeeded(((LeafListSchema) s.node).type().format(s.value)));
      }
    }
    return String.join(" ", words);
  }

  /** The instance-identifier form (RFC 7950 §9.13, RFC 7951 §6.11). */
  public String toInstanceIdentifier() {
    if (steps.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    String module = "";
    for (Step s : steps) {
      out.append('/');
      if (!s.node.module().name().equals(module) || s.node.dataParent() instanceof RootSchema) {
        out.append(s.node.module().name()).append(':');
        module = s.node.module().name();
      }
      out.append(s.node.name());
      if (s.key != null) {
        ListSchema list = (ListSchema) s.node;
        List<LeafSchema> keys = list.keys();
        for (int i = 0; i < keys.size(); i++) {
          out.append('[').append(keys.get(i).name()).append('=')
              .append(xpathLiteral(keys.get(i).type().format(s.key.values().get(i)))).append(']');
        }
      }
      if (s.value != null) {
        out.append("[.=").append(xpathLiteral(((LeafListSchema) s.node).type().format(s.value))).append(']');
      }
    }
    return out.toString();
  }

  private static String xpathLiteral(String v) {
    return v.indexOf('\'') < 0 ? "'" + v + "'" : "\"" + v + "\"";
  }

  /** The schema node the path ends at (the root schema's stand-in for the root path is null). */
  public SchemaNode node() {
    return steps.isEmpty() ? null : steps.getLast().node;
  }

  /** The interior schema whose data children the next step chooses from. */
  public InteriorSchema container(RootSchema root) {
    return steps.isEmpty() ? root : (InteriorSchema) steps.getLast().node;
  }

  @Override
  public String toString() {
    return toInstanceIdentifier();
  }
}
