package io.outpost.benchmarks.bgp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A target's CPU time per thread name, read from {@code /proc/PID/task/}: where a round's CPU
 * seconds went (for a JVM: its event loop, the C2 compiler, the collector in the VM thread). Two
 * snapshots, one at the start of the feed and one when the target settled, give what each kind
 * of thread spent in between. Thread names are grouped with their digits dropped, so a pool's
 * threads count as one; a thread that ended between the snapshots is not counted.
 */
final class ThreadCpu {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private ThreadCpu() {}

  /** CPU ticks per thread id of {@code pid}, with each thread's name. */
  static Map<String, long[]> snapshot(long pid) {
    Map<String, long[]> out = new TreeMap<>();
    Path tasks = Path.of("/proc/" + pid + "/task");
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          out.put(task.getFileName() + " " + name.replaceAll("[0-9#-]+$", ""),
              new long[] {ticks});
        } catch (NoSuchFileException gone) {
          // the thread ended while we looked
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /**
   * What each thread name spent between two snapshots, busiest first, as
   * {@code name=seconds} pairs (names' spaces as underscores), those under 0.01 s left out.
   */
  static String between(Map<String, long[]> before, Map<String, long[]> after) {
    Map<String, Long> byName = new TreeMap<>();
    after.forEach((key, ticks) -> {
      long[] was = before.get(key);
      long spent = ticks[0] - (was == null ? 0 : was[0]);
      String name = key.substring(key.indexOf(' ') + 1).strip().replace(' ', '_');
      byName.merge(name, spent, Long::sum);
    });
    StringBuilder out = new StringBuilder();
    byName.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> out.append(out.isEmpty() ? "" : " ").append(e.getKey()).append('=')
            .append(String.format("%.2f", e.getValue() / TICKS_PER_SECOND)));
    return out.toString();
  }
}
