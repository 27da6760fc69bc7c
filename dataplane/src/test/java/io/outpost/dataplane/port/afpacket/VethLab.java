package io.outpost.dataplane.port.afpacket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace holding one veth pair, {@code veth0} and {@code veth1}, both up, created
 * for one test and deleted with everything in it on close.
 *
 * <p>It owns the namespace and the iproute2 processes it runs. IPv6 is switched off in the
 * namespace before the links exist, so the kernel sends nothing of its own (router
 * solicitations, MLD, DAD) onto the pair: what a queue receives is what the test sent. The name,
 * outpost-afp-PID-N, cannot collide with other test runs.
 */
final class VethLab implements AutoCloseable {
  static final String VETH0_MAC = "02:00:5e:00:53:10";
  static final String VETH1_MAC = "02:00:5e:00:53:11";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String name;

  private VethLab(String name) {
    this.name = name;
  }

  static VethLab create() {
    String name = "outpost-afp-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    run(List.of("ip", "netns", "add", name));
    VethLab lab = new VethLab(name);
    try {
      lab.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
          "net.ipv6.conf.default.disable_ipv6=1");
      lab.ip("link", "add", "veth0", "address", VETH0_MAC, "type", "veth",
          "peer", "name", "veth1", "address", VETH1_MAC);
      lab.ip("link", "set", "veth0", "up");
      lab.ip("link", "set", "veth1", "up");
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /** The file naming the namespace, for {@link AfPacketDriver}. */
  Path file() {
    return Path.of("/run/netns", name);
  }

  /** Runs {@code ip -n NAME args...} and returns its output. */
  String ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "-n", name));
    command.addAll(List.of(args));
    return run(command);
  }

  /** The kernel's promiscuity count of a link ("promiscuity N" in {@code ip -d link show}). */
  int promiscuity(String link) {
    String shown = ip("-d", "link", "show", link);
    int at = shown.indexOf("promiscuity ");
    String rest = shown.substring(at + "promiscuity ".length());
    return Integer.parseInt(rest.substring(0, rest.indexOf(' ')).trim());
  }

  /** Runs a program inside the namespace ({@code ip netns exec}). */
  String exec(String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
    command.addAll(List.of(args));
    return run(command);
  }

  @Override
  public void close() {
    run(List.of("ip", "netns", "delete", name));
  }

  /** Runs a command to its end; fails with its output if it exits non-zero. */
  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
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
