package io.outpost.controlplane.client;

import io.outpost.controlplane.mgmt.MgmtResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive CLI on a terminal: line editing and history (JLine), Tab completion and '?'
 * help answered by the daemon, the {@code [edit ...]} line above the configuration prompt, and
 * a caret under the word an error is about.
 */
final class Interactive {
  private Interactive() {}

  static int run(Connection conn) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("outpost")
          .completer((r, line, candidates) -> {
            try {
              String before = line.line().substring(0, line.cursor());
              for (String[] c : conn.complete(before)) {
                candidates.add(new Candidate(c[0], c[0], null, c[1].isEmpty() ? null : c[1], null, null, true));
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".outpost_history"))
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .build();
      reader.getWidgets().put("outpost-help", () -> help(reader, conn));
      reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference("outpost-help"), "?");
      PrintWriter out = terminal.writer();
      while (true) {
        if (!conn.context().isEmpty()) {
          out.println();
          out.println(conn.context());
        }
        String line;
        try {
          line = reader.readLine(conn.prompt());
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return 0;
        }
        MgmtResponse r = conn.run(line);
        out.print(r.output());
        if (!r.ok()) {
          if (r.column() >= 0) {
            out.println(" ".repeat(conn.prompt().length() + r.column()) + "^");
          }
          out.println("error: " + r.error());
        }
        out.flush();
        if (r.exit()) {
          return 0;
        }
      }
    }
  }

  /** '?': help for what is typed so far, printed above a redrawn prompt; literal inside quotes. */
  private static boolean help(LineReader reader, Connection conn) {
    String before = reader.getBuffer().substring(0, reader.getBuffer().cursor());
    if (before.chars().filter(c -> c == '"').count() % 2 == 1) {
      reader.getBuffer().write('?');
      return true;
    }
    try {
      reader.printAbove(conn.prompt() + before + "?\n" + conn.help(before));
    } catch (IOException e) {
      reader.printAbove("error: " + e.getMessage());
    }
    return true;
  }
}
