package io.outpost.controlplane.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tools sensors are read with ({@code ipmitool}, {@code smartctl}, {@code ethtool}) and
 * hands back what they print. The monitor's one way out to processes, so that tests can answer
 * with recorded outputs instead.
 */
@FunctionalInterface
public interface Tools {
  /** What a tool printed on standard output, and its exit code. */
  record Output(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code command} (no shell) and returns what it printed.
   *
   * @throws IOException when it cannot be run at all (not installed) or does not finish in time
   */
  Output run(List<String> command) throws IOException;

  /** The real tools, each given {@code limit} to finish. */
  static Tools system(Duration limit) {
    return command -> {
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.DISCARD)
          .start();
      try {
        // The tools print little (an sdr list, one disk's JSON); read after the exit is safe
        // up to the pipe's 64 KiB, and smartctl's largest is well under that.
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IOException(command.getFirst() + " did not finish in " + limit.toSeconds()
              + " s");
        }
        return new Output(p.exitValue(),
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
            new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    };
  }
}
