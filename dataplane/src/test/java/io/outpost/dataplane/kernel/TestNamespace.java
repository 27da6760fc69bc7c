package io.outpost.dataplane.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace that exists for one test: created with iproute2 under a name unique to
 * this JVM, deleted on close with everything in it.
 *
 * <p>It owns the namespace and the iproute2 processes it starts. iproute2 is both the way to
 * build the test's topology (creating links is not part of {@link RtNetlink}) and an independent
 * witness of what our client changed.
 */
public final class TestNamespace implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String name;

  private TestNamespace(String name) {
    this.name = name;
  }

  /** Creates a namespace named outpost-rtnl-PID-N, which other test runs cannot collide with. */
  static TestNamespace create() {
    return create("rtnl");
  }

  /** Creates a namespace named outpost-LABEL-PID-N. */
  public static TestNamespace create(String label) {
    String name = "outpost-" + label + "-" + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet();
    run(List.of("ip", "netns", "add", name));
    return new TestNamespace(name);
  }

  String name() {
    return name;
  }

  /** The file that names the namespace, for {@link RtNetlink#openInNamespace}. */
  public Path file() {
    return Path.of("/run/netns", name);
  }

  /** Runs {@code ip -n NAME args...} and returns its output. */
  public String ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "-n", name));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Runs {@code ip -n NAME -batch -}, one command per line of {@code commands}. */
  void ipBatch(String commands) {
    run(List.of("ip", "-n", name, "-batch", "-"), commands);
  }

  /**
   * Adds a standalone link with no carrier to report and returns its kind: "dummy" where the
   * kernel has it, else "ifb", which behaves the same here (NOARP, no MTU bounds, operstate
   * "unknown" when up). Kernels built without CONFIG_DUMMY, this lab's among them, refuse dummy.
   */
  String addDummyLink(String link, String mac) {
    try {
      ip("link", "add", link, "address", mac, "type", "dummy");
      return "dummy";
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains("Unknown device type")) {
        throw e;
      }
      ip("link", "add", link, "address", mac, "type", "ifb");
      return "ifb";
    }
  }

  /** Runs a program inside the namespace ({@code ip netns exec}) and returns its output. */
  public String exec(String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Deletes the namespace; the links in it go with it. */
  @Override
  public void close() {
    run(List.of("ip", "netns", "delete", name));
  }

  private static String run(List<String> command) {
    return run(command, "");
  }

  /**
   * Runs a command with {@code input} on its standard input and returns its output; fails with
   * that output if it exits with a non-zero status. The commands used here all end on their own
   * (ping with a count and a deadline), so the output is read to its end before waiting.
   */
  private static String run(List<String> command, String input) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = process.waitFor();
      if (status != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + status + ": " + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }
}
