package io.outpost.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Named network namespaces as iproute2 keeps them in {@code /run/netns}: creation with loopback up, listing, and
 * destruction that first empties the namespace.
 *
 * <p>Deleting a namespace's name does not end the processes inside it: they keep the namespace alive, unnamed and out
 * of reach. So {@link #destroy} signals every process that lives in the namespace — whoever started it — before it
 * removes the name.
 */
final class NetworkNamespaces {

  static final Path RUN_NETNS = Path.of("/run/netns");

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(50);

  private final CommandRunner runner;

  NetworkNamespaces(CommandRunner runner) {
    this.runner = runner;
  }

  /** Creates a namespace and brings its loopback up, which a fresh namespace has down. */
  void create(String name) {
    runner.runOrThrow(List.of("ip", "netns", "add", name), COMMAND_TIMEOUT);
    runner.runOrThrow(List.of("ip", "-n", name, "link", "set", "lo", "up"), COMMAND_TIMEOUT);
  }

  static boolean exists(String name) {
    return Files.exists(RUN_NETNS.resolve(name));
  }

  /** The names of all namespaces on the machine, of this lab or not. */
  static List<String> list() {
    if (!Files.isDirectory(RUN_NETNS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(RUN_NETNS)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new LabException("cannot list " + RUN_NETNS, e);
    }
  }

  /** The PIDs of the processes that live in a namespace; empty if the namespace does not exist. */
  List<Long> pids(String name) {
    if (!exists(name)) {
      return List.of();
    }
    ExecResult result = runner.run(List.of("ip", "netns", "pids", name), COMMAND_TIMEOUT);
    return result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).map(Long::parseLong)
        .toList();
  }

  /**
   * Ends every process in a namespace — SIGTERM, up to {@code grace} to exit, then SIGKILL — and deletes it.
   * Does nothing if the namespace does not exist, so teardowns that overlap (a close and a watchdog, two sweeps) are
   * harmless.
   */
  void destroy(String name, Duration grace) {
    if (!exists(name)) {
      return;
    }
    List<Long> inside = pids(name);
    if (!inside.isEmpty()) {
      inside.forEach(pid -> ProcessSignals.toProcess(pid, "TERM"));
      long deadline = System.nanoTime() + grace.toNanos();
      while (!inside.isEmpty() && deadline - System.nanoTime() > 0) {
        sleep(POLL);
        inside = pids(name);
      }
      inside.forEach(pid -> ProcessSignals.toProcess(pid, "KILL"));
    }
    ExecResult deletion = runner.run(List.of("ip", "netns", "delete", name), COMMAND_TIMEOUT);
    if (!deletion.ok() && exists(name)) {
      throw LabException.commandFailed(deletion);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while emptying a namespace", e);
    }
  }
}
