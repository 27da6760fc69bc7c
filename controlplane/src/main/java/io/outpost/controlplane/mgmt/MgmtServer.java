package io.outpost.controlplane.mgmt;

import io.outpost.controlplane.cli.CliServices;
import io.outpost.controlplane.cli.CliSession;
import io.outpost.controlplane.cli.CommandWalker;
import io.outpost.controlplane.datastore.Session;
import io.outpost.controlplane.json.JsonParser;
import io.outpost.controlplane.json.JsonSyntaxException;
import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonValue.JsonString;
import io.outpost.controlplane.json.JsonWriter;
import io.outpost.controlplane.log.Log;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The local management API: a unix-domain socket on which the {@code outpost} CLI talks to the
 * daemon, one {@link CliSession} per connection.
 *
 * <p>Authentication is the kernel's: the socket file is mode 0660, owned by root and, where the
 * group exists, by group {@value #GROUP}, so only root and that group's members can connect; the
 * peer's user name comes from SO_PEERCRED and is what the commit history records. Each
 * connection runs on a virtual thread; requests are newline-delimited JSON ({@link LineChannel}):
 * {@code exec} runs a command line, {@code complete} and {@code help} serve Tab and '?', {@code
 * load} takes configuration text the client read from a file, {@code save} returns the whole
 * candidate for the client to write to one.
 */
public final class MgmtServer implements AutoCloseable {
  /** The group whose members may use the CLI besides root. */
  public static final String GROUP = "outpost";

  private static final Log LOG = Log.get("mgmt");

  private final Path path;
  private final CliServices services;
  private final ServerSocketChannel server;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private MgmtServer(Path path, CliServices services, ServerSocketChannel server) {
    this.path = path;
    this.services = services;
    this.server = server;
    this.acceptor = Thread.ofPlatform().name("mgmt-accept").daemon().unstarted(this::acceptLoop);
  }

  /**
   * Binds the socket (replacing a stale socket file: the caller holds the state directory's
   * lock, so no other daemon uses it) and starts accepting.
   */
  public static MgmtServer start(Path path, CliServices services) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
    try {
      GroupPrincipal group = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(GROUP);
      Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
    } catch (UserPrincipalNotFoundException e) {
      LOG.info("no group " + GROUP + ": only root can use the CLI socket", "socket", path);
    }
    MgmtServer s = new MgmtServer(path, services, server);
    s.acceptor.start();
    return s;
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.error("accept failed", e);
        return;
      }
      connections.add(ch);
      Thread.ofVirtual().name("mgmt-session").start(() -> serve(ch));
    }
  }

  private void serve(SocketChannel ch) {
    String user;
    try {
      UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
      user = peer.user().getName();
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot identify a CLI peer; closing", "error", e.getMessage());
      close(ch);
      return;
    }
    Session session = services.datastore().openSession(user, "cli", "local socket");
    CliSession cli = new CliSession(services, session);
    LOG.info("CLI session started", "session", session.id(), "user", user);
    try (LineChannel lines = new LineChannel(ch)) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonObject response = handle(cli, line);
        lines.writeLine(JsonWriter.compact(response));
        if (response.get("exit") instanceof JsonValue.JsonBoolean b && b.value()) {
          break;
        }
      }
    } catch (IOException e) {
      if (!(e instanceof ClosedChannelException)) {
        LOG.debug("CLI session connection ended", "session", session.id(), "error", e.getMessage());
      }
    } finally {
      cli.close();
      connections.remove(ch);
      LOG.info("CLI session ended", "session", session.id(), "user", user);
    }
  }

  /**
   * One request: a malformed one gets an error response, never a dropped connection; so does a
   * bug in a command (logged with its stack), so that one broken command cannot end a session.
   */
  static JsonObject handle(CliSession cli, String line) {
    try {
      return dispatch(cli, line);
    } catch (RuntimeException e) {
      LOG.error("internal error in a CLI request", e, "request", line);
      return error(cli, "internal error: " + e + " (the daemon's log has the details)");
    }
  }

  private static JsonObject dispatch(CliSession cli, String line) {
    JsonObject request;
    try {
      if (!(JsonParser.parse(line) instanceof JsonObject o)) {
        return error(cli, "a request is a JSON object");
      }
      request = o;
    } catch (JsonSyntaxException e) {
      return error(cli, "malformed request: " + e.getMessage());
    }
    String op = string(request, "op");
    return switch (op) {
      case "exec" -> cli.execute(string(request, "line")).toJson();
      case "complete" -> candidates(cli.complete(string(request, "line")));
      case "help" -> JsonValue.object().put("output", cli.help(string(request, "line"))).build();
      case "prompt" -> cli.execute("").toJson();
      case "load" -> cli.load(string(request, "mode"), string(request, "content")).toJson();
      case "save" -> cli.save(string(request, "format")).toJson();
      default -> error(cli, "unknown op \"" + op + "\"");
    };
  }

  /** {@code {"candidates": [{"word": ..., "help": ...}]}} */
  private static JsonObject candidates(java.util.List<CommandWalker.Suggestion> suggestions) {
    return JsonValue.object().put("candidates", JsonValue.array(suggestions.stream()
        .map(s -> JsonValue.object().put("word", s.word()).put("help", s.help()).build()).toList())).build();
  }

  private static JsonObject error(CliSession cli, String message) {
    return new MgmtResponse("", message, -1, cli.prompt(), cli.context(), false).toJson();
  }

  private static String string(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s ? s.value() : "";
  }

  private static void close(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Stops accepting, ends every session (releasing their locks) and removes the socket file. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    connections.forEach(MgmtServer::close);
    try {
      acceptor.join(2000);
      Files.deleteIfExists(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("cannot remove the CLI socket", "socket", path, "error", e.getMessage());
    }
  }
}
