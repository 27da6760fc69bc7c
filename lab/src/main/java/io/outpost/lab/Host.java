package io.outpost.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One machine of a lab topology: a network namespace named {@code olab-<runId>-<name>}, with its loopback up.
 *
 * <p>It offers what a test does to a machine — give an interface an address, add a route, set a sysctl, run a
 * command, start a daemon — always inside the namespace. Configuration methods return the host, so a machine reads as
 * one statement. The namespace itself belongs to the {@link Lab}, which deletes it on close.
 */
public final class Host {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final Lab lab;
  private final String name;
  private final String netns;

  Host(Lab lab, String name, String netns) {
    this.lab = lab;
    this.name = name;
    this.netns = netns;
  }

  /** The name given to {@link Lab#host(String)}. */
  public String name() {
    return name;
  }

  /** The network namespace's name, as {@code ip netns} knows it. */
  public String netns() {
    return netns;
  }

  /**
   * Adds an address to an interface ({@code ip addr add}). IPv6 addresses skip duplicate address detection: in a
   * lab nobody else can hold the address, and DAD would leave it unusable for the first second or two.
   *
   * @param cidr an address with prefix length, IPv4 or IPv6: {@code 192.0.2.1/24}, {@code 2001:db8::1/64}
   */
  public Host address(String ifname, String cidr) {
    List<String> command = new ArrayList<>(List.of("ip", "-n", netns, "addr", "add", cidr, "dev", ifname));
    if (cidr.contains(":")) {
      command.add("nodad");
    }
    lab.configure(command);
    return this;
  }

  /**
   * Adds a route ({@code ip route add <destination> via <via>}).
   *
   * @param destination a prefix, or {@code default}
   * @param via         the next hop; its family decides the route's family, so {@code default} works for IPv6 too
   */
  public Host route(String destination, String via) {
    String family = via.contains(":") || destination.contains(":") ? "-6" : "-4";
    lab.configure(List.of("ip", family, "-n", netns, "route", "add", destination, "via", via));
    return this;
  }

  /** Sets a kernel parameter of this namespace, for instance {@code net.ipv4.ip_forward} to {@code 1}. */
  public Host sysctl(String key, String value) {
    execOrThrow("sysctl", "-w", key + "=" + value);
    return this;
  }

  /** Runs a command in the namespace with a timeout of 30 seconds; see {@link #exec(Duration, String...)}. */
  public ExecResult exec(String... command) {
    return exec(DEFAULT_TIMEOUT, command);
  }

  /**
   * Runs a command in the namespace and captures its output. It returns whatever the exit code; it never hangs: on
   * the timeout the command and everything it started are killed.
   *
   * @throws LabException if the command does not finish within {@code timeout}
   */
  public ExecResult exec(Duration timeout, String... command) {
    lab.requireOpen();
    return lab.runner().run(command(command), timeout);
  }

  /**
   * Runs a command in the namespace with a timeout of 30 seconds and returns its result if it succeeded.
   *
   * @throws LabException if it exits with a non-zero code, carrying the command, the code and both outputs
   */
  public ExecResult execOrThrow(String... command) {
    ExecResult result = exec(command);
    if (!result.ok()) {
      throw LabException.commandFailed(result);
    }
    return result;
  }

  /**
   * The command line that runs {@code command} in this namespace, for callers that start processes themselves.
   * Such processes are not stopped by the lab individually, but the lab's teardown ends every process that lives
   * in its namespaces.
   */
  public List<String> command(String... command) {
    List<String> full = new ArrayList<>(4 + command.length);
    full.addAll(List.of("ip", "netns", "exec", netns));
    full.addAll(Arrays.asList(command));
    return List.copyOf(full);
  }

  /**
   * Starts a background process in the namespace, in its own process group, with standard output and standard error
   * going to {@code <workDir>/<host>-<name>.log}. Standard input is {@code /dev/null}.
   *
   * @param name    names the process in messages and its log file
   * @param command the program and its arguments
   * @param env     variables added to the inherited environment
   */
  public LabProcess spawn(String name, List<String> command, Map<String, String> env) {
    return lab.spawn(this, name, command, env);
  }

  /** Starts a background process with the inherited environment; see {@link #spawn(String, List, Map)}. */
  public LabProcess spawn(String name, String... command) {
    return spawn(name, List.of(command), Map.of());
  }

  Lab lab() {
    return lab;
  }

  @Override
  public String toString() {
    return name + " [" + netns + "]";
  }
}
