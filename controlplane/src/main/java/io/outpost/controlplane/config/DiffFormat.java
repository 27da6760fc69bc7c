package io.outpost.controlplane.config;

import io.outpost.controlplane.config.ConfigDiff.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@link ConfigDiff} changes for people: in the Junos {@code show | compare} style
 * (a {@code [edit ...]} header per place, then {@code -} and {@code +} lines), or as the
 * {@code delete}/{@code set} commands that turn the old configuration into the new one (the
 * form kept with each commit in the history).
 */
public final class DiffFormat {
  private DiffFormat() {}

  public static String compare(List<Change> changes) {
    StringBuilder out = new StringBuilder();
    String header = null;
    for (Change c : changes) {
      DataPath parent = c.path().parent();
      String h = parent.isRoot() ? "[edit]" : "[edit " + parent.toCli() + "]";
      if (!h.equals(header)) {
        out.append(h).append('\n');
        header = h;
      }
      if (c.before() != null) {
        prefixed('-', CurlyFormat.renderNode(c.before(), 1), out);
      }
      if (c.after() != null) {
        prefixed('+', CurlyFormat.renderNode(c.after(), 1), out);
      }
    }
    return out.toString();
  }

  private static void prefixed(char sign, String text, StringBuilder out) {
    for (String line : text.split("\n")) {
      out.append(sign).append(line.substring(1)).append('\n');
    }
  }

  /** The commands that turn the old configuration into the new one. */
  public static List<String> commands(List<Change> changes) {
    List<String> out = new ArrayList<>();
    for (Change c : changes) {
      if (c.after() == null || c.before() instanceof ListNode) {
        out.add("delete " + c.path().toCli());
      }
      if (c.after() != null) {
        out.addAll(SetFormat.commands(c.after(), c.path()));
      }
    }
    return out;
  }
}
