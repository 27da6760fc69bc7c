package io.outpost.benchmarks.bgp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures how a BGP speaker under test (the target) takes a full table: one upstream peer (the
 * feeder) sends it a whole table as fast as the target reads, and {@code N} downstream peers
 * (the sinks) wait until each holds every prefix the target re-advertises. The same program,
 * the same pre-encoded table and the same peers serve every target, so runs of Outpost, BIRD,
 * FRR and GoBGP differ only in the target. Run by {@code benchmarks/system/bgp-fulltable.sh},
 * which sets the targets up; see benchmarks/README.md.
 *
 * <p>Prints one {@code result} line of {@code key=value} pairs:
 * <ul>
 *   <li>{@code feed_s}: until the feeder's last octet was taken by the target's socket (the
 *       target read the table; it may still be working on it);
 *   <li>{@code first_sink_s}, {@code all_sinks_s}: until the first and the last sink held the
 *       whole table (the table went through the target's RIB and out again);
 *   <li>{@code settled_s}: after the sinks completed, until the end of the target's last 50 ms
 *       sample with 5% or more of a core in it, followed by a whole second under 5% (its
 *       remaining work, a RIB or FIB behind the BGP one, done);
 *   <li>{@code cpu_s}: the target's CPU time (user and system, all its threads) from the first
 *       octet to settled;
 *   <li>{@code peak_rss_mb}: the target's peak resident set (VmHWM) at the end.
 * </ul>
 * and then a {@code threads} line: the target's CPU seconds per thread name from the first
 * octet to the end of the quiet second after settled ({@link ThreadCpu}).
 *
 * <p>Usage: {@code FullTableFeed target=10.0.0.1 target_pid=PID feeder=10.0.0.2
 * feeder6=fd00::2 sinks=10.0.0.10,10.0.0.11 [ipv4=1000000] [ipv6=250000] [timeout=900]
 * [then=COMMAND]}. The target is in AS 65000, the feeder in 65001, sink {@code i} in
 * {@code 65100 + i}. {@code then} is a shell command run after the result line while every
 * session is still up and the target still holds the table (to look at its heap, say).
 */
public final class FullTableFeed {
  private static final long FEEDER_AS = 65001;
  private static final int CHUNK = 256 << 10;

  private FullTableFeed() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are key=value: " + arg);
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    InetAddress target = InetAddress.getByName(required(a, "target"));
    long pid = Long.parseLong(required(a, "target_pid"));
    InetAddress feeder = InetAddress.getByName(required(a, "feeder"));
    InetAddress feeder6 = InetAddress.getByName(required(a, "feeder6"));
    List<InetAddress> sinkAddresses = new ArrayList<>();
    for (String s : a.getOrDefault("sinks", "").split(",")) {
      if (!s.isBlank()) {
        sinkAddresses.add(InetAddress.getByName(s));
      }
    }
    int count4 = Integer.parseInt(a.getOrDefault("ipv4", "1000000"));
    int count6 = Integer.parseInt(a.getOrDefault("ipv6", "250000"));
    long timeoutNanos = Long.parseLong(a.getOrDefault("timeout", "900")) * 1_000_000_000L;
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow(
        () -> new IllegalArgumentException("no process " + pid));

    long encodeStart = System.nanoTime();
    TableStream table = TableStream.encode(42, count4, count6, FEEDER_AS, feeder.getAddress(),
        feeder6.getAddress());
    System.out.printf("table: %d IPv4 + %d IPv6 prefixes in %d UPDATEs, %.1f MB, encoded in"
        + " %.1f s%n", table.prefixes4(), table.prefixes6(), table.updates(),
        table.bytes().length / 1e6, seconds(System.nanoTime() - encodeStart));

    List<BgpClient> sinks = new ArrayList<>();
    List<PrefixCount> counts = new ArrayList<>();
    BgpClient feed = null;
    try {
      for (int i = 0; i < sinkAddresses.size(); i++) {
        PrefixCount count = new PrefixCount(count4, count6);
        counts.add(count);
        sinks.add(new BgpClient("sink" + i, sinkAddresses.get(i), target, 65100 + i, count));
      }
      for (BgpClient s : sinks) {
        s.awaitEstablished(60);
      }
      Thread.sleep(2_000); // the target's initial (empty) table and End-of-RIB to the sinks
      feed = new BgpClient("feeder", feeder, target, FEEDER_AS, body -> {});
      feed.awaitEstablished(60);
      System.out.printf("sessions: %d sinks and the feeder established%n", sinks.size());
      run(feed, table, counts, process, timeoutNanos);
      String then = a.get("then");
      if (then != null && !then.isBlank()) {
        new ProcessBuilder("sh", "-c", then).inheritIO().start().waitFor();
      }
    } finally {
      for (BgpClient s : sinks) {
        s.close();
      }
      if (feed != null) {
        feed.close();
      }
    }
  }

  private static void run(BgpClient feed, TableStream table, List<PrefixCount> counts,
      ProcessHandle process, long timeoutNanos) throws Exception {
    java.util.Map<String, long[]> threads0 = ThreadCpu.snapshot(process.pid());
    long cpu0 = cpuNanos(process);
    long t0 = System.nanoTime();
    long[] fedAt = {0};
    Exception[] feedError = {null};
    Thread writer = Thread.ofPlatform().name("feeder-writer").start(() -> {
      try {
        int[] ends = table.messageEnds();
        int from = 0;
        int m = 0;
        while (m < ends.length) {
          int to = from;
          while (m < ends.length && (to == from || ends[m] - from <= CHUNK)) {
            to = ends[m++];
          }
          feed.send(table.bytes(), from, to - from);
          from = to;
        }
        fedAt[0] = System.nanoTime();
      } catch (IOException e) {
        feedError[0] = e;
      }
    });

    long deadline = t0 + timeoutNanos;
    long completeAt = 0;
    // Once all sinks are complete, CPU is sampled every 50 ms: settled is the end of the last
    // sample in which the target used 5% or more of a core, once a whole second has followed it
    // under 5% in every sample (so the figure has the resolution of one sample, not a second).
    long lastAt = 0;
    long lastCpu = 0;
    long settledAt = 0;
    long settledCpu = 0;
    while (true) {
      Thread.sleep(50);
      long now = System.nanoTime();
      if (now > deadline || feedError[0] != null || feed.failure() != null) {
        writer.interrupt();
        StringBuilder why = new StringBuilder(now > deadline ? "timed out" : "failed");
        why.append(": feeder ").append(feedError[0] != null ? feedError[0]
            : feed.failure() != null ? feed.failure() : fedAt[0] != 0 ? "done" : "writing");
        for (int i = 0; i < counts.size(); i++) {
          why.append("; sink").append(i).append(' ').append(counts.get(i))
              .append(counts.get(i).error() == null ? "" : " " + counts.get(i).error());
        }
        throw new IOException(why.toString());
      }
      if (completeAt == 0) {
        boolean all = fedAt[0] != 0;
        for (PrefixCount c : counts) {
          all &= c.completeNanos() != 0;
        }
        if (all) {
          completeAt = now;
          lastAt = now;
          lastCpu = cpuNanos(process);
          settledAt = now;
          settledCpu = lastCpu;
        }
        continue;
      }
      long cpu = cpuNanos(process);
      if (cpu - lastCpu >= (now - lastAt) / 20) {
        settledAt = now;
        settledCpu = cpu;
      }
      lastAt = now;
      lastCpu = cpu;
      if (now - settledAt >= 1_000_000_000L) {
        break;
      }
    }
    writer.join();
    String threads = ThreadCpu.between(threads0, ThreadCpu.snapshot(process.pid()));
    long first = Long.MAX_VALUE;
    long last = 0;
    for (PrefixCount c : counts) {
      first = Math.min(first, c.completeNanos());
      last = Math.max(last, c.completeNanos());
    }
    System.out.printf("result feed_s=%.2f first_sink_s=%s all_sinks_s=%s settled_s=%.2f"
        + " cpu_s=%.2f peak_rss_mb=%d%n", seconds(fedAt[0] - t0),
        counts.isEmpty() ? "-" : String.format("%.2f", seconds(first - t0)),
        counts.isEmpty() ? "-" : String.format("%.2f", seconds(last - t0)),
        seconds(settledAt - t0), seconds(settledCpu - cpu0), peakRssMegabytes(process.pid()));
    System.out.println("threads " + threads);
  }

  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow(
        () -> new IllegalStateException("no CPU time for process " + process.pid()));
  }

  private static long peakRssMegabytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException("no VmHWM for process " + pid);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String required(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key + "=...");
    }
    return v;
  }
}
