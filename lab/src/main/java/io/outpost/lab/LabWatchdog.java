package io.outpost.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The process that tears a lab down when its JVM cannot: a small shell script ({@code lab-watchdog.sh}) that blocks
 * reading a pipe only this JVM can write to.
 *
 * <p>Shutdown hooks cover normal exits and SIGTERM, but not SIGKILL, an OOM kill or a JVM crash. The kernel closes the
 * pipe however the JVM ends; the script then reads end of file and works through the lab's registry: it ends the
 * lab's processes, deletes its namespaces and its work directory. The JVM's other children never hold the pipe, since
 * Java closes all inherited descriptors but standard input, output and error in every child it starts. The script
 * runs under {@code setsid}, out of reach of signals sent to the JVM's process group (a Ctrl-C, a build tool stopping
 * its forks).
 */
final class LabWatchdog {

  private static final String SCRIPT_RESOURCE = "lab-watchdog.sh";
  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

  private final Process process;

  private LabWatchdog(Process process) {
    this.process = process;
  }

  /** Starts a watchdog for the lab described by {@code registryFile}; its own output goes to {@code log}. */
  static LabWatchdog start(Path registryFile, Path log) {
    try {
      Process process = new ProcessBuilder("setsid", "sh", "-c", script(), "outpost-lab-watchdog",
          registryFile.toString())
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectErrorStream(true)
          .start();
      return new LabWatchdog(process);
    } catch (IOException e) {
      throw new LabException("cannot start the lab watchdog", e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Tells the watchdog that the lab is gone and waits for it to exit; it then touches nothing. */
  void release() {
    try (OutputStream pipe = process.getOutputStream()) {
      pipe.write("release\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // The watchdog is already gone (someone killed it); there is nothing left to release.
    }
    try {
      if (!process.waitFor(EXIT_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
        process.destroyForcibly();
        throw new LabException("the lab watchdog (pid " + process.pid() + ") did not exit when released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String script() throws IOException {
    try (InputStream in = LabWatchdog.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + SCRIPT_RESOURCE + " is missing from the lab jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
