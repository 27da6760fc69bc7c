package io.outpost.bgp;

import java.util.List;

/** The kernel's TCP counters (TcpExt in /proc/net/netstat), by which tests see what it drops. */
public final class KernelCounters {
  private KernelCounters() {}

  /**
   * The counter {@code name} in {@code netstat}, the text of one network namespace's
   * /proc/net/netstat: pairs of lines, names then values.
   */
  public static long tcpExt(String netstat, String name) {
    List<String> lines = netstat.lines().toList();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      List<String> names = List.of(lines.get(i).split(" "));
      int at = names.indexOf(name);
      if (at > 0) {
        return Long.parseLong(lines.get(i + 1).split(" ")[at]);
      }
    }
    throw new AssertionError("no kernel counter " + name);
  }
}
