package io.outpost.controlplane.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A PrintStream for {@link LogService#install} whose output a test reads back as UTF-8 lines. */
final class CapturedStdout {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** Every complete line written so far, without the line ends. */
  List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  String lastLine() {
    List<String> lines = lines();
    if (lines.isEmpty()) {
      throw new AssertionError("nothing was written to stdout");
    }
    return lines.getLast();
  }
}
