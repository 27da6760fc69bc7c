package io.outpost.controlplane.mgmt;

import io.outpost.controlplane.json.JsonParser;
import io.outpost.controlplane.json.JsonSyntaxException;
import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonWriter;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The client end of the management protocol: one request, one response, in order. Used by the
 * {@code outpost} CLI and by tests that drive a real daemon.
 */
public final class MgmtClient implements AutoCloseable {
  private final LineChannel channel;

  private MgmtClient(LineChannel channel) {
    this.channel = channel;
  }

  public static MgmtClient connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return new MgmtClient(new LineChannel(ch));
  }

  public JsonObject call(JsonObject request) throws IOException {
    channel.writeLine(JsonWriter.compact(request));
    String line = channel.readLine();
    if (line == null) {
      throw new IOException("the daemon closed the connection");
    }
    try {
      JsonValue v = JsonParser.parse(line);
      if (v instanceof JsonObject o) {
        return o;
      }
      throw new IOException("malformed response from the daemon: not an object");
    } catch (JsonSyntaxException e) {
      throw new IOException("malformed response from the daemon: " + e.getMessage(), e);
    }
  }

  /** Sends a CLI command line and returns the response. */
  public MgmtResponse exec(String line) throws IOException {
    return MgmtResponse.of(call(JsonValue.object().put("op", "exec").put("line", line).build()));
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
