package io.outpost.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A throwaway network topology for a test: hosts in network namespaces, veth links between them, and the processes
 * running inside. It owns all of them, and its one promise is that they all go away — on {@link #close()}, on a normal
 * JVM exit (a shutdown hook), and when the JVM dies without running any Java code (a watchdog process, see
 * {@link LabWatchdog}). What a crash leaves anyway is swept by the next {@link #create}.
 *
 * <p>Every run draws a fresh run id and prefixes every namespace name with {@code olab-<runId>-}; veth pairs are
 * created directly inside their namespaces and never have a name in the root namespace. Two runs at once — two test
 * JVMs, two engineers — therefore never collide, even with identical topologies and addresses.
 *
 * <pre>{@code
 * try (Lab lab = Lab.create("bgp-basic")) {
 *     Host peer = lab.host("peer");
 *     Host dut = lab.host("dut");
 *     lab.link(peer, "eth0", dut, "eth0");
 *     peer.address("eth0", "192.0.2.1/24");
 *     dut.address("eth0", "192.0.2.2/24");
 *     LabProcess bird = peer.spawn("bird", "bird", "-f", "-c", "bird.conf");
 *     bird.awaitLog("started", Duration.ofSeconds(10));
 *     dut.execOrThrow("ping", "-c", "1", "192.0.2.1");
 * }
 * }</pre>
 *
 * <p>Setting {@code OUTPOST_LAB_KEEP=1} in the environment keeps the work directory (logs) after close.
 */
public final class Lab implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Lab.class.getName());

  static final String NETNS_PREFIX = "olab-";

  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
  /** Interface names: at most 15 bytes (IFNAMSIZ), no slash, colon or whitespace. */
  private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  private static final Duration CONFIGURE_TIMEOUT = Duration.ofSeconds(30);
  /** Time the lab's processes get to exit on SIGTERM, together, before SIGKILL. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** Time for processes that escaped their process group but live in a lab namespace. */
  private static final Duration STRAGGLER_GRACE = Duration.ofSeconds(1);

  private final LabRegistry registry;
  private final WorkDirectory workDir;
  private final boolean keepWorkDir;
  private final CommandRunner runner;
  private final NetworkNamespaces namespaces;
  private final LabWatchdog watchdog;
  private final Thread shutdownHook;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final List<LabProcess> processes = new ArrayList<>();
  private boolean closed;

  private Lab(LabRegistry registry, WorkDirectory workDir, boolean keepWorkDir, CommandRunner runner,
      LabWatchdog watchdog) {
    this.registry = registry;
    this.workDir = workDir;
    this.keepWorkDir = keepWorkDir;
    this.runner = runner;
    this.namespaces = new NetworkNamespaces(runner);
    this.watchdog = watchdog;
    this.shutdownHook = Thread.ofPlatform().name("outpost-lab-" + runId() + "-teardown").unstarted(this::close);
  }

  /**
   * Starts a lab run: reserves a run id, creates the work directory, sweeps what dead earlier runs left behind,
   * starts the watchdog and registers a shutdown hook.
   *
   * @param label a word for humans, used in the work directory's name
   * @throws IllegalStateException if the JVM does not run as root, which network namespaces need
   */
  public static Lab create(String label) {
    requireRoot();
    LabRegistry registry = LabRegistry.reserve(LabRegistry.DIRECTORY, LabRegistry.Owner.current());
    WorkDirectory workDir = null;
    LabWatchdog watchdog = null;
    try {
      workDir = WorkDirectory.create(registry.runId(), safeLabel(label));
      boolean keep = "1".equals(System.getenv("OUTPOST_LAB_KEEP"));
      if (!keep) {
        registry.setWorkDir(workDir.path());
      }
      CommandRunner runner = new CommandRunner(workDir.path());
      List<String> swept = new StaleLabSweeper(LabRegistry.DIRECTORY, new NetworkNamespaces(runner)).sweep();
      if (!swept.isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "removed stale lab namespaces {0}", swept);
      }
      watchdog = LabWatchdog.start(registry.file(), workDir.path().resolve("watchdog.log"));
      Lab lab = new Lab(registry, workDir, keep, runner, watchdog);
      Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
      return lab;
    } catch (RuntimeException e) {
      // Nothing of the lab exists in the kernel yet: undo the watchdog and the files, keeping the first cause.
      List<RuntimeException> undoFailures = new ArrayList<>();
      if (watchdog != null) {
        attempt(undoFailures, watchdog::release);
      }
      if (workDir != null) {
        Path path = workDir.path();
        attempt(undoFailures, () -> WorkDirectory.deleteTree(path));
      }
      attempt(undoFailures, registry::delete);
      undoFailures.forEach(e::addSuppressed);
      throw e;
    }
  }

  /** The six base-36 characters that make this run's names unique. */
  public String runId() {
    return registry.runId();
  }

  /** The directory holding this run's logs; deleted on close unless {@code OUTPOST_LAB_KEEP=1}. */
  public Path workDir() {
    return workDir.path();
  }

  /**
   * Creates a host: a new namespace {@code olab-<runId>-<name>} with its loopback up.
   *
   * @param name letters, digits, '-' and '_', up to 32 characters, unique in this lab
   */
  public synchronized Host host(String name) {
    requireOpen();
    if (!HOST_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("host names are letters, digits, '-' and '_', up to 32: " + name);
    }
    if (hosts.containsKey(name)) {
      throw new IllegalArgumentException("this lab already has a host " + name);
    }
    String netns = NETNS_PREFIX + runId() + "-" + name;
    // Recorded before it exists: a crash in between leaves a record of nothing, never a namespace unrecorded.
    registry.addNamespace(netns);
    namespaces.create(netns);
    Host host = new Host(this, name, netns);
    hosts.put(name, host);
    return host;
  }

  /**
   * Links two hosts with a veth pair, {@code ifA} in {@code a} and {@code ifB} in {@code b}, both up. The pair is
   * created inside the namespaces, so its names never exist in the root namespace. {@code a} and {@code b} may be
   * the same host.
   */
  public synchronized void link(Host a, String ifA, Host b, String ifB) {
    requireOpen();
    requireOwn(a);
    requireOwn(b);
    for (String ifname : List.of(ifA, ifB)) {
      if (!INTERFACE_NAME.matcher(ifname).matches()) {
        throw new IllegalArgumentException("interface names are 1 to 15 letters, digits, '.', '-', '_': "
            + ifname);
      }
    }
    configure(List.of("ip", "-n", a.netns(), "link", "add", ifA, "type", "veth", "peer", "name", ifB,
        "netns", b.netns()));
    configure(List.of("ip", "-n", a.netns(), "link", "set", ifA, "up"));
    configure(List.of("ip", "-n", b.netns(), "link", "set", ifB, "up"));
  }

  /**
   * Tears the lab down; calling it again does nothing. In order: the spawned processes get SIGTERM together, then
   * SIGKILL after five seconds; anything else still living in a namespace gets the same with a second's grace; the
   * namespaces are deleted; the watchdog is released; the work directory and the registry are removed. Every step
   * is attempted even if an earlier one fails.
   *
   * @throws LabException if some part could not be removed; it names each failure
   */
  @Override
  public void close() {
    List<LabProcess> toStop;
    List<Host> toDelete;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = List.copyOf(processes);
      toDelete = List.copyOf(hosts.values()).reversed();
    }
    List<RuntimeException> failures = new ArrayList<>();
    List<LabProcess> stopping = toStop.stream().filter(LabProcess::requestStop).toList();
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (LabProcess process : stopping) {
      attempt(failures, () -> process.awaitStop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
    }
    for (Host host : toDelete) {
      attempt(failures, () -> {
        namespaces.destroy(host.netns(), STRAGGLER_GRACE);
        registry.removeNamespace(host.netns());
      });
    }
    attempt(failures, watchdog::release);
    if (keepWorkDir) {
      LOG.log(System.Logger.Level.INFO, "kept lab work directory {0}", workDir.path());
    } else {
      attempt(failures, () -> WorkDirectory.deleteTree(workDir.path()));
    }
    attempt(failures, registry::delete);
    attempt(failures, this::removeShutdownHook);
    if (!failures.isEmpty()) {
      LabException incomplete = new LabException("lab " + runId() + " was not torn down completely: "
          + failures.stream().map(Throwable::getMessage).toList());
      failures.forEach(incomplete::addSuppressed);
      throw incomplete;
    }
  }

  @Override
  public String toString() {
    return "lab " + runId() + " (" + workDir.path() + ")";
  }

  /** The run id within a lab namespace name, or null if the name is not a lab's. */
  static String runIdOf(String netns) {
    if (!netns.startsWith(NETNS_PREFIX) || netns.length() < NETNS_PREFIX.length() + 8) {
      return null;
    }
    String runId = netns.substring(NETNS_PREFIX.length(), NETNS_PREFIX.length() + 6);
    boolean separated = netns.charAt(NETNS_PREFIX.length() + 6) == '-';
    return separated && LabRegistry.isRunId(runId) ? runId : null;
  }

  synchronized LabProcess spawn(Host host, String name, List<String> command, Map<String, String> env) {
    requireOpen();
    requireOwn(host);
    if (!HOST_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("process names are letters, digits, '-' and '_', up to 32: " + name);
    }
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no command to spawn as " + name);
    }
    Path log = workDir.newLog(host.name(), name);
    List<String> inNamespace = host.command(command.toArray(String[]::new));
    ProcessBuilder builder = new ProcessBuilder(CommandRunner.underSetsid(inNamespace))
        .redirectInput(ProcessBuilder.Redirect.from(CommandRunner.DEV_NULL))
        .redirectOutput(log.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LabException("cannot spawn " + name + " on " + host + ": " + String.join(" ", command), e);
    }
    long pgid = process.pid();
    registry.addProcessGroup(pgid);
    // An exited process's group id is free for reuse; the watchdog must not signal it any more.
    process.onExit().thenRun(() -> registry.removeProcessGroup(pgid));
    LabProcess spawned = new LabProcess(host.name() + "/" + name, process, log);
    processes.add(spawned);
    ProcessSignals.awaitGroupLeader(process, Duration.ofSeconds(2));
    return spawned;
  }

  /** Runs an iproute2 command that configures the lab from the root namespace; failure throws. */
  void configure(List<String> command) {
    requireOpen();
    runner.runOrThrow(command, CONFIGURE_TIMEOUT);
  }

  CommandRunner runner() {
    return runner;
  }

  synchronized void requireOpen() {
    if (closed) {
      throw new IllegalStateException("lab " + runId() + " is closed");
    }
  }

  private void requireOwn(Host host) {
    if (host.lab() != this || hosts.get(host.name()) != host) {
      throw new IllegalArgumentException(host + " belongs to another lab");
    }
  }

  private void removeShutdownHook() {
    if (Thread.currentThread() == shutdownHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting; the hook will find the lab closed and return at once.
    }
  }

  private static void attempt(List<RuntimeException> failures, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private static String safeLabel(String label) {
    Objects.requireNonNull(label, "label");
    String safe = label.replaceAll("[^A-Za-z0-9_-]", "_");
    return safe.isEmpty() ? "lab" : safe.substring(0, Math.min(safe.length(), 40));
  }

  /** Network namespaces need CAP_SYS_ADMIN; checking for root gives the one message people know what to do with. */
  private static void requireRoot() {
    if (effectiveUid() != 0) {
      throw new IllegalStateException("the lab needs root (network namespaces): run the lab tests as root,"
          + " or leave them out with -Dsurefire.excludedGroups=lab");
    }
  }

  private static long effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Uid:")) {
          // Uid: real effective saved filesystem
          return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the lab needs root (network namespaces) and cannot tell whether it has"
          + " it: /proc/self/status is unreadable", e);
    }
    throw new IllegalStateException("the lab needs root (network namespaces) and cannot tell whether it has it");
  }
}
