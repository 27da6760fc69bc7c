package io.outpost.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one short command to completion under a deadline and captures what it wrote.
 *
 * <p>Output goes to files in a scratch directory, not to pipes: with pipes, a command that leaves a background child
 * holding its stdout open would keep a reader waiting for an end of file that never comes. Each command runs under
 * {@code setsid} in its own process group, so on the deadline the whole group — children included — is killed, and
 * the call returns. Standard input is {@code /dev/null}, so a command that reads it sees an end of file instead of
 * waiting for input.
 */
final class CommandRunner {

  static final File DEV_NULL = new File("/dev/null");

  /** How long to wait for a killed command to be gone; a process in uninterruptible sleep can outlive SIGKILL. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Path scratchDirectory;

  CommandRunner(Path scratchDirectory) {
    this.scratchDirectory = scratchDirectory;
  }

  /**
   * Runs a command and returns its outcome whatever its exit code.
   *
   * @throws LabException if it cannot be started or does not finish within the timeout; the message then carries
   *                      what it had written so far
   */
  ExecResult run(List<String> command, Duration timeout) {
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile(scratchDirectory, "exec-", ".stdout");
      stderr = Files.createTempFile(scratchDirectory, "exec-", ".stderr");
      Process process = new ProcessBuilder(underSetsid(command))
          .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      boolean finished = awaitOrKill(process, timeout);
      String out = read(stdout);
      String err = read(stderr);
      if (!finished) {
        throw new LabException("command did not finish within " + timeout + " and was killed: "
            + String.join(" ", command) + LabException.outputs(out, err));
      }
      return new ExecResult(command, process.exitValue(), out, err);
    } catch (IOException e) {
      throw new LabException("cannot run " + String.join(" ", command), e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  /** Runs a command and returns its outcome if it exited with code 0, otherwise throws. */
  ExecResult runOrThrow(List<String> command, Duration timeout) {
    ExecResult result = run(command, timeout);
    if (!result.ok()) {
      throw LabException.commandFailed(result);
    }
    return result;
  }

  /** Commands are never process group leaders when Java starts them, so setsid(1) execs in place: same PID. */
  static List<String> underSetsid(List<String> command) {
    List<String> full = new ArrayList<>(command.size() + 1);
    full.add("setsid");
    full.addAll(command);
    return full;
  }

  private static boolean awaitOrKill(Process process, Duration timeout) {
    try {
      if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return true;
      }
      killGroup(process);
      return false;
    } catch (InterruptedException e) {
      killGroup(process);
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while waiting for a command", e);
    }
  }

  private static void killGroup(Process process) {
    // The group and the process itself: if the deadline came before setsid(2) ran, the group does not exist yet.
    ProcessSignals.toGroup(process.pid(), "KILL");
    ProcessSignals.toProcess(process.pid(), "KILL");
    try {
      if (!process.waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new LabException("process " + process.pid() + " survived SIGKILL for " + KILL_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover scratch file goes with the work directory when the lab closes.
    }
  }
}
