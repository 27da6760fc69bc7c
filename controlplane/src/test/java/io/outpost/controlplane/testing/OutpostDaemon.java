package io.outpost.controlplane.testing;

import io.outpost.controlplane.mgmt.MgmtClient;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.LabProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real packaged daemon ({@code bin/outpostd}) running in a lab namespace, and the real
 * {@code bin/outpost} client against it: what the integration tests drive.
 */
public final class OutpostDaemon implements AutoCloseable {
  private final Host host;
  private final Path stateDir;
  private final List<String> extraArgs = new ArrayList<>();
  private LabProcess process;

  private OutpostDaemon(Host host, Path stateDir) {
    this.host = host;
    this.stateDir = stateDir;
  }

  /** The repository root (failsafe passes it; the module's parent otherwise). */
  public static Path home() {
    String h = System.getProperty("outpost.home");
    return (h != null ? Path.of(h) : Path.of("..")).toAbsolutePath().normalize();
  }

  /** A daemon for {@code host} keeping its state in {@code stateDir}; not started yet. */
  public static OutpostDaemon in(Host host, Path stateDir) {
    return new OutpostDaemon(host, stateDir);
  }

  public Path stateDir() {
    return stateDir;
  }

  /** Adds command-line options for the daemon's next start ({@code --hardware-root DIR}). */
  public OutpostDaemon withArgs(String... args) {
    extraArgs.addAll(List.of(args));
    return this;
  }

  public Path socket() {
    return stateDir.resolve("outpost.sock");
  }

  public Path startupFile() {
    return stateDir.resolve("config/startup.json");
  }

  public LabProcess process() {
    return process;
  }

  /** Starts the daemon and waits until it says it is ready. */
  public OutpostDaemon start() {
    launch();
    process.awaitLog("outpostd ready", Duration.ofSeconds(60));
    return this;
  }

  /** Starts the daemon without waiting: for starts that are expected to fail. */
  public LabProcess launch() {
    List<String> command = new ArrayList<>(List.of(home().resolve("bin/outpostd").toString(),
        "--state-dir", stateDir.toString()));
    command.addAll(extraArgs);
    process = host.spawn("outpostd", command, Map.of());
    return process;
  }

  /** A management-protocol client, as the CLI uses, for tests that hold a session open. */
  public MgmtClient connect() throws IOException {
    return MgmtClient.connect(socket());
  }

  /** Runs {@code bin/outpost -c commands} (from the root namespace: the socket is a file). */
  public ExecResult cli(String commands) {
    return run(List.of(home().resolve("bin/outpost").toString(), "--socket", socket().toString(), "-c", commands));
  }

  /** Runs {@code bin/outpost} with commands on standard input. */
  public ExecResult cliStdin(String input) {
    List<String> cmd = List.of(home().resolve("bin/outpost").toString(), "--socket", socket().toString());
    return run(cmd, input);
  }

  public static ExecResult run(List<String> command) {
    return run(command, null);
  }

  private static ExecResult run(List<String> command, String input) {
    return run(command, input, Duration.ofSeconds(60));
  }

  /**
   * Runs {@code command} for at most {@code limit}; a command that outlives it is killed and
   * fails the test with what it had printed so far.
   */
  public static ExecResult run(List<String> command, String input, Duration limit) {
    try {
      Path in = Files.createTempFile("outpost-in", ".txt");
      Path out = Files.createTempFile("outpost-out", ".txt");
      Path err = Files.createTempFile("outpost-err", ".txt");
      try {
        Files.writeString(in, input == null ? "" : input);
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectInput(in.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError("timed out after " + limit.toSeconds() + " s: " + command
              + "\nstdout so far:\n" + Files.readString(out) + "\nstderr so far:\n"
              + Files.readString(err));
        }
        return new ExecResult(command, p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        for (Path f : List.of(in, out, err)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** SIGTERM and the exit code. */
  public int stop() {
    process.signal("TERM");
    return process.waitFor(Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.kill();
    }
  }
}
