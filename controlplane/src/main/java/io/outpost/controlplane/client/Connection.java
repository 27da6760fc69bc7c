package io.outpost.controlplane.client;

import io.outpost.controlplane.config.CliText;
import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonArray;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonValue.JsonString;
import io.outpost.controlplane.mgmt.MgmtClient;
import io.outpost.controlplane.mgmt.MgmtResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's side of a CLI session: sends command lines to the daemon, and runs the two
 * commands that touch the user's own files itself — {@code load merge|override|set FILE} reads
 * the file with the user's permissions and sends its text, {@code save FILE} writes the
 * candidate where the user asked — so the daemon never opens a file on a user's behalf.
 */
final class Connection implements AutoCloseable {
  private final MgmtClient client;
  private MgmtResponse last;

  Connection(MgmtClient client) throws IOException {
    this.client = client;
    this.last = client.exec("");
  }

  String prompt() {
    return last.prompt();
  }

  String context() {
    return last.context();
  }

  MgmtResponse run(String line) throws IOException {
    List<CliText.Word> words;
    try {
      words = CliText.split(line);
    } catch (IllegalArgumentException e) {
      words = List.of();
    }
    if (words.size() == 3 && "load".equals(words.get(0).text())) {
      last = load(words.get(1).text(), Path.of(words.get(2).text()));
    } else if (words.size() == 2 && "save".equals(words.get(0).text())) {
      last = save(Path.of(words.get(1).text()));
    } else {
      last = client.exec(line);
    }
    return last;
  }

  private MgmtResponse load(String mode, Path file) throws IOException {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return local("", "cannot read " + file + ": " + e.getMessage());
    }
    return MgmtResponse.of(client.call(JsonValue.object().put("op", "load").put("mode", mode)
        .put("content", content).build()));
  }

  private MgmtResponse save(Path file) throws IOException {
    boolean set = file.getFileName().toString().endsWith(".set");
    MgmtResponse r = MgmtResponse.of(client.call(JsonValue.object().put("op", "save")
        .put("format", set ? "set" : "json").build()));
    if (!r.ok()) {
      return r;
    }
    try {
      Files.writeString(file, r.output(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return local("", "cannot write " + file + ": " + e.getMessage());
    }
    return local("Wrote " + r.output().lines().count() + " lines of configuration to " + file + "\n", "");
  }

  private MgmtResponse local(String output, String error) {
    return new MgmtResponse(output, error, -1, last.prompt(), last.context(), false);
  }

  /** Completion candidates for the text before the cursor: word and help. */
  List<String[]> complete(String line) throws IOException {
    JsonObject r = client.call(JsonValue.object().put("op", "complete").put("line", line).build());
    List<String[]> out = new ArrayList<>();
    if (r.get("candidates") instanceof JsonArray a) {
      for (JsonValue v : a.items()) {
        JsonObject c = (JsonObject) v;
        out.add(new String[] {((JsonString) c.get("word")).value(), ((JsonString) c.get("help")).value()});
      }
    }
    return out;
  }

  String help(String line) throws IOException {
    JsonObject r = client.call(JsonValue.object().put("op", "help").put("line", line).build());
    return r.get("output") instanceof JsonString s ? s.value() : "";
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
