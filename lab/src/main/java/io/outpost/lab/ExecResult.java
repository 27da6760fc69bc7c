package io.outpost.lab;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one command that ran to completion: the command line as it was run (including the
 * {@code ip netns exec} prefix, so it can be pasted into a shell to reproduce), its exit code and everything it wrote.
 *
 * @param command  the command exactly as executed
 * @param exitCode the exit code; 128 + n when the command died of signal n
 * @param stdout   everything written to standard output, decoded as UTF-8
 * @param stderr   everything written to standard error, decoded as UTF-8
 */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {

  public ExecResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** Whether the command exited with code 0. */
  public boolean ok() {
    return exitCode == 0;
  }
}
