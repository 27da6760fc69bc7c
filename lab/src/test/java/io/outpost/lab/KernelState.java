package io.outpost.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the kernel says, asked independently of the code under test: the namespaces {@code ip netns list} shows, and
 * whether a PID is a running process. Tests assert on these, not on the lab's own bookkeeping.
 */
final class KernelState {

  private KernelState() {
  }

  /** The names {@code ip netns list} prints (it appends " (id: N)" to namespaces that have an id). */
  static List<String> namespaces() {
    return run("ip", "netns", "list").lines().map(line -> line.split(" ", 2)[0]).toList();
  }

  /** The PIDs {@code ip netns pids} prints for a namespace. */
  static List<Long> pidsIn(String netns) {
    return run("ip", "netns", "pids", netns).lines().map(String::strip).map(Long::parseLong).toList();
  }

  /** Whether the PID is a process that has not exited; a zombie has exited, it only waits to be reaped. */
  static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  /** Polls until the condition holds; false if it still does not after the timeout. */
  static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (deadline - System.nanoTime() < 0) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("no answer from " + String.join(" ", command));
      }
      return output;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
