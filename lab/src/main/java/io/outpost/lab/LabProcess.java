package io.outpost.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A background process that a {@link Host} spawned into its namespace — typically a daemon under test or a peer —
 * with its own process group and its own log file.
 *
 * <p>It owns the process's lifecycle from the test's side: signals, a graceful stop that escalates to SIGKILL, and
 * waiting for the process to say it is ready by watching its log. The process leads its process group (it started
 * under {@code setsid}), so stopping it also stops whatever it forked that stayed in the group. The {@link Lab} stops
 * every process it spawned when it closes; closing a process earlier is for tests that stop or restart a daemon.
 */
public final class LabProcess implements AutoCloseable {

  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private static final Duration LOG_POLL = Duration.ofMillis(50);
  private static final int TAIL_LINES = 20;

  private final String description;
  private final Process process;
  private final Path log;

  LabProcess(String description, Process process, Path log) {
    this.description = description;
    this.process = process;
    this.log = log;
  }

  /** The PID, which is also the process group id. */
  public long pid() {
    return process.pid();
  }

  /** The file that receives the process's standard output and standard error. */
  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the process has logged so far; invalid UTF-8 shows as replacement characters. */
  public String logText() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new LabException("cannot read " + log, e);
    }
  }

  /**
   * Sends a signal to this process only, not to its group — for a reload (HUP) or an interrupt (INT) that the
   * daemon handles itself.
   *
   * @param signalName a name as kill(1) takes it: "TERM", "KILL", "INT", "HUP", "USR1"…
   * @throws LabException if the signal cannot be delivered, for instance because the process has exited
   */
  public void signal(String signalName) {
    if (!isAlive()) {
      // Its PID may belong to another process by now.
      throw new LabException("cannot send signal " + signalName + " to " + this + ": it has exited");
    }
    String failure = ProcessSignals.toProcess(pid(), signalName);
    if (failure != null) {
      throw new LabException("cannot send signal " + signalName + " to " + this + ": " + failure);
    }
  }

  /**
   * Stops the process: SIGTERM to its process group, up to {@code grace} for the process to exit, then SIGKILL to
   * the group.
   *
   * @return the exit code, or 128 + n if it died of signal n
   */
  public int terminate(Duration grace) {
    return requestStop() ? awaitStop(grace) : waitFor(KILL_WAIT);
  }

  /** Sends SIGKILL to the process group and waits for the process to be gone. */
  public void kill() {
    if (isAlive()) {
      ProcessSignals.toGroup(pid(), "KILL");
    }
    waitFor(KILL_WAIT);
  }

  /**
   * Waits for the process to exit.
   *
   * @return the exit code, or 128 + n if it died of signal n
   * @throws LabException if it is still running after {@code timeout}
   */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new LabException(this + " still runs after " + timeout + "; log tail:\n" + tail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while waiting for " + this, e);
    }
  }

  /**
   * Waits until a line of the log contains a match for {@code regex} — the usual way to know a daemon is ready.
   * Lines are matched as they are completed by a newline; a last line without one counts once the process has
   * exited or the wait has timed out.
   *
   * @throws LabException on timeout, or as soon as the process exits without having logged a match; the message
   *                      carries the tail of the log
   */
  public void awaitLog(String regex, Duration timeout) {
    LogScanner scanner = new LogScanner(Pattern.compile(regex));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // Read after the liveness check, so a process that logged its line and exited is still seen to match.
      boolean alive = process.isAlive();
      boolean lastLook = !alive || deadline - System.nanoTime() < 0;
      if (scanner.scanCompleteLines() || (lastLook && scanner.scanRest())) {
        return;
      }
      if (!alive) {
        throw new LabException(this + " exited with code " + process.exitValue()
            + " without logging a line matching /" + regex + "/; log tail:\n" + tail());
      }
      if (lastLook) {
        throw new LabException(this + " logged no line matching /" + regex + "/ within " + timeout
            + "; log tail:\n" + tail());
      }
      sleep(LOG_POLL);
    }
  }

  /** Terminates the process with a grace of five seconds if it is still running. */
  @Override
  public void close() {
    if (isAlive()) {
      terminate(CLOSE_GRACE);
    }
  }

  @Override
  public String toString() {
    return description + " (pid " + pid() + ")";
  }

  /**
   * First half of a stop, split out so that a closing lab can ask all its processes to stop at once.
   *
   * @return whether the process was running and got SIGTERM; only then may {@link #awaitStop} signal its group,
   *         since the group id of a process that exited long ago may be anyone's by now
   */
  boolean requestStop() {
    if (!isAlive()) {
      return false;
    }
    ProcessSignals.toGroup(pid(), "TERM");
    return true;
  }

  /**
   * Second half of a stop, after {@link #requestStop} returned true. The group gets SIGKILL even when the leader
   * exited within the grace, for children that ignored SIGTERM: the id cannot have been reused while such children
   * live, and reuse within the seconds since the leader exited would need the whole PID space to wrap around.
   */
  int awaitStop(Duration grace) {
    try {
      process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ProcessSignals.toGroup(pid(), "KILL");
    return waitFor(KILL_WAIT);
  }

  private String tail() {
    return LabException.tail(logText(), TAIL_LINES);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while waiting for a log line", e);
    }
  }

  /**
   * Reads the log incrementally, so that waiting on a chatty daemon costs only its new output per poll. Keeps the
   * byte offset after the last complete line: a line is matched once, whole.
   */
  private final class LogScanner {

    private final Pattern pattern;
    private long offset;

    LogScanner(Pattern pattern) {
      this.pattern = pattern;
    }

    boolean scanCompleteLines() {
      byte[] fresh = readFrom(offset);
      int end = lastNewline(fresh) + 1;
      offset += end;
      return matches(new String(fresh, 0, end, StandardCharsets.UTF_8));
    }

    boolean scanRest() {
      return matches(new String(readFrom(offset), StandardCharsets.UTF_8));
    }

    private boolean matches(String text) {
      return text.lines().anyMatch(line -> pattern.matcher(line).find());
    }

    private byte[] readFrom(long position) {
      try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
        long length = file.length();
        if (length <= position) {
          return new byte[0];
        }
        byte[] bytes = new byte[Math.toIntExact(length - position)];
        file.seek(position);
        file.readFully(bytes);
        return bytes;
      } catch (IOException e) {
        throw new LabException("cannot read " + log, e);
      }
    }

    private static int lastNewline(byte[] bytes) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }
}
