package io.outpost.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * Signals to single processes and to whole process groups, through {@code kill(1)}.
 *
 * <p>Java's {@link ProcessHandle} can only send TERM or KILL, and only to one process; a lab needs any signal, and
 * needs to reach a daemon's children too, which share its process group because every lab process starts under
 * {@code setsid}. Running {@code kill(1)} costs a fork per signal, which is nothing next to what a test does, and
 * keeps the module free of native code and of the JVM's restricted-method warnings.
 */
final class ProcessSignals {

  /** Signal names as kill(1) takes them: "TERM", "SIGTERM", "RTMIN+1", or a number. */
  private static final Pattern SIGNAL_NAME = Pattern.compile("[A-Z0-9+-]{1,16}");
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private ProcessSignals() {
  }

  /**
   * Sends a signal to one process.
   *
   * @return null if it was delivered, otherwise kill(1)'s explanation (typically that no such process exists)
   */
  static String toProcess(long pid, String signal) {
    return kill(signal, Long.toString(pid));
  }

  /**
   * Sends a signal to every process of a process group.
   *
   * @return null if it was delivered, otherwise kill(1)'s explanation (typically that the group is empty)
   */
  static String toGroup(long pgid, String signal) {
    return kill(signal, "-" + pgid);
  }

  /**
   * Waits until a process started under {@code setsid} leads its own process group. Java returns from
   * {@code start()} once {@code setsid(1)} is running, a moment before it has called setsid(2); a group signal sent
   * in that moment would reach nobody. Returns early if the process exits (a command that was not found, say).
   */
  static void awaitGroupLeader(Process process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive()) {
      OptionalLong group = processGroup(process.pid());
      if (group.isPresent() && group.getAsLong() == process.pid()) {
        return;
      }
      if (deadline - System.nanoTime() < 0) {
        process.destroyForcibly();
        throw new LabException("process " + process.pid() + " did not become a process group leader within "
            + timeout + "; is setsid(1) from util-linux installed?");
      }
      // Typically a millisecond; sleeping rather than spinning leaves the CPU to setsid(1) itself.
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static OptionalLong processGroup(long pid) {
    String fields = statFields(pid);
    if (fields == null) {
      return OptionalLong.empty();
    }
    // After the command name: state, ppid, pgrp, ...
    String[] parts = fields.split(" ", 4);
    return OptionalLong.of(Long.parseLong(parts[2]));
  }

  /** The fields of /proc/PID/stat after the command name, which may itself contain spaces and parentheses. */
  private static String statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      return stat.substring(stat.lastIndexOf(')') + 2);
    } catch (IOException e) {
      // No such process, or /proc/PID vanished between open and read because it was reaped right then.
      return null;
    }
  }

  private static String kill(String signal, String target) {
    if (!SIGNAL_NAME.matcher(signal).matches()) {
      throw new IllegalArgumentException("not a signal name: " + signal);
    }
    try {
      Process kill = new ProcessBuilder("kill", "-s", signal, "--", target)
          .redirectInput(ProcessBuilder.Redirect.from(CommandRunner.DEV_NULL))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      byte[] explanation = kill.getErrorStream().readAllBytes();
      if (!kill.waitFor(10, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new LabException("kill -s " + signal + " " + target + " did not return");
      }
      return kill.exitValue() == 0 ? null : new String(explanation, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new LabException("cannot run kill(1) to send " + signal + " to " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while sending " + signal + " to " + target, e);
    }
  }
}
