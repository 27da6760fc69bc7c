package io.outpost.controlplane.client;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code -c "configure; set system host-name x; commit"} into commands at unquoted ';'. */
final class CommandLines {
  private CommandLines() {}

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quoted && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (c == ';' && !quoted) {
        add(out, current);
        current.setLength(0);
      } else if (c == '\n' && !quoted) {
        add(out, current);
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder command) {
    String c = command.toString().strip();
    if (!c.isEmpty()) {
      out.add(c);
    }
  }
}
