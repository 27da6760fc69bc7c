package io.outpost.controlplane.client;

import io.outpost.controlplane.mgmt.MgmtClient;
import io.outpost.controlplane.mgmt.MgmtResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code outpost}, the command-line interface: interactive on a terminal, or one-shot for
 * scripts with {@code -c "command; command"} or commands on standard input. It talks to
 * {@code outpostd} over its local socket and never touches configuration files itself.
 *
 * <p>In one-shot mode the first failing command stops the run and the exit status is 1, so a
 * script's {@code commit} never runs after a {@code set} that failed.
 */
public final class OutpostCli {
  static final String USAGE = """
      usage: outpost [--socket PATH] [-c "COMMAND[; COMMAND...]"]...
        --socket PATH   the daemon's socket (default $OUTPOST_SOCKET, else /var/lib/outpost/outpost.sock)
        -c COMMANDS     run the commands and exit; without -c, read commands from standard input
                        when it is not a terminal, else start the interactive CLI
      """;

  private OutpostCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    Path socket = defaultSocket();
    List<String> commands = new ArrayList<>();
    boolean oneShot = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--socket" -> {
          if (++i >= args.length) {
            return usage("--socket needs a path");
          }
          socket = Path.of(args[i]);
        }
        case "-c" -> {
          if (++i >= args.length) {
            return usage("-c needs commands");
          }
          commands.addAll(CommandLines.split(args[i]));
          oneShot = true;
        }
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return 0;
        }
        default -> {
          return usage("unknown argument " + args[i]);
        }
      }
    }
    MgmtClient client;
    try {
      client = MgmtClient.connect(socket);
    } catch (IOException e) {
      System.err.println("outpost: cannot reach outpostd at " + socket + ": " + e.getMessage()
          + " (is it running? are you root or in group outpost? use --socket or OUTPOST_SOCKET)");
      return 2;
    }
    try (Connection conn = new Connection(client)) {
      if (oneShot) {
        return batch(conn, commands);
      }
      if (System.console() == null || !System.console().isTerminal()) {
        return batch(conn, stdinCommands());
      }
      return Interactive.run(conn);
    } catch (IOException e) {
      System.err.println("outpost: lost the connection to outpostd: " + e.getMessage());
      return 2;
    }
  }

  private static int batch(Connection conn, List<String> commands) throws IOException {
    for (String command : commands) {
      MgmtResponse r = conn.run(command);
      System.out.print(r.output());
      System.out.flush();
      if (!r.ok()) {
        System.err.println("outpost: " + command);
        if (r.column() >= 0) {
          System.err.println(" ".repeat("outpost: ".length() + r.column()) + "^");
        }
        System.err.println("error: " + r.error());
        return 1;
      }
      if (r.exit()) {
        break;
      }
    }
    return 0;
  }

  private static List<String> stdinCommands() throws IOException {
    List<String> out = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        out.add(line.strip());
      }
    }
    return out;
  }

  private static Path defaultSocket() {
    String env = System.getenv("OUTPOST_SOCKET");
    return Path.of(env != null && !env.isEmpty() ? env : "/var/lib/outpost/outpost.sock");
  }

  private static int usage(String problem) {
    System.err.println("outpost: " + problem);
    System.err.print(USAGE);
    return 64;
  }
}
