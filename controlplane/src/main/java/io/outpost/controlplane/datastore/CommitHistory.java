package io.outpost.controlplane.datastore;

import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.json.JsonParser;
import io.outpost.controlplane.json.JsonSyntaxException;
import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonArray;
import io.outpost.controlplane.json.JsonValue.JsonNumber;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonValue.JsonString;
import io.outpost.controlplane.json.JsonWriter;
import io.outpost.controlplane.yang.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The last {@value #DEPTH} commits, one file each under {@code history/}, newest first: what
 * {@code show system commit} lists and {@code rollback N} loads.
 *
 * <p>Each file is written atomically ({@link AtomicFiles}) and holds the whole configuration,
 * not a delta, so any entry restores on its own even if its neighbours were pruned. An entry's
 * configuration is read only when needed (rollback, compare), so booting stays quick however
 * large the history.
 */
public final class CommitHistory {
  /** Rollback 0 (the active configuration) to rollback 49, as on Junos. */
  public static final int DEPTH = 50;

  private final Path dir;
  private final Schema schema;
  private final List<CommitRecord> records = new ArrayList<>(); // newest first

  public CommitHistory(Path dir, Schema schema) {
    this.dir = dir;
    this.schema = schema;
  }

  /**
   * Reads every entry on disk. An entry that no longer reads (written under an older schema
   * that this version refuses) is skipped and reported, not fatal: the appliance must boot.
   *
   * @return one line per skipped file, saying why
   */
  public List<String> load() throws IOException {
    Files.createDirectories(dir);
    records.clear();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("[0-9]+\\.commit")).toList();
    }
    List<String> skipped = new ArrayList<>();
    for (Path f : files) {
      try {
        records.add(read(f));
      } catch (IOException e) {
        skipped.add(e.getMessage());
      }
    }
    records.sort((a, b) -> Long.compare(b.id(), a.id()));
    return skipped;
  }

  public List<CommitRecord> records() {
    return List.copyOf(records);
  }

  public boolean isEmpty() {
    return records.isEmpty();
  }

  /** Rollback {@code n}: 0 is the newest. */
  public CommitRecord get(int n) {
    return records.get(n);
  }

  public int size() {
    return records.size();
  }

  public long nextId() {
    return records.isEmpty() ? 1 : records.getFirst().id() + 1;
  }

  /** Stores a new newest entry durably, then prunes beyond {@value #DEPTH}. */
  public void append(CommitRecord record) throws IOException {
    AtomicFiles.write(file(record.id()), toFile(record));
    records.addFirst(record);
    while (records.size() > DEPTH) {
      CommitRecord oldest = records.removeLast();
      AtomicFiles.delete(file(oldest.id()));
    }
  }

  /** Removes an entry (a commit that did not complete, or an unconfirmed one after a restart). */
  public void remove(long id) throws IOException {
    records.removeIf(r -> r.id() == id);
    AtomicFiles.delete(file(id));
  }

  private Path file(long id) {
    return dir.resolve("%010d.commit".formatted(id));
  }

  /**
   * The file: line 1 is the metadata as one line of JSON; the rest is the configuration in RFC
   * 7951 JSON, exactly as startup.json holds it. Listing reads line 1 only.
   */
  private static String toFile(CommitRecord r) {
    JsonObject meta = JsonValue.object()
        .put("id", r.id())
        .put("time", r.time().toString())
        .put("user", r.user())
        .put("transport", r.transport())
        .put("comment", r.comment())
        .put("changes", JsonValue.array(r.changes().stream().map(JsonString::new).toList()))
        .build();
    return JsonWriter.compact(meta) + "\n" + ConfigJson.writePretty(r.config());
  }

  private CommitRecord read(Path f) throws IOException {
    String metaLine;
    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      metaLine = in.readLine();
    }
    try {
      JsonObject o = (JsonObject) JsonParser.parse(metaLine == null ? "" : metaLine);
      List<String> changes = ((JsonArray) o.get("changes")).items().stream()
          .map(v -> ((JsonString) v).value()).toList();
      return new CommitRecord(
          ((JsonNumber) o.get("id")).decimal().longValueExact(),
          Instant.parse(((JsonString) o.get("time")).value()),
          ((JsonString) o.get("user")).value(),
          ((JsonString) o.get("transport")).value(),
          ((JsonString) o.get("comment")).value(),
          changes,
          () -> readConfig(f));
    } catch (JsonSyntaxException | ClassCastException | NullPointerException | ArithmeticException
        | java.time.format.DateTimeParseException e) {
      throw new IOException(f + ": not a readable commit record: " + e.getMessage(), e);
    }
  }

  /**
   * The configuration text of entry {@code n} exactly as written: our JSON writer is
   * deterministic, so equal text means an equal configuration, and comparing text spares a
   * parse at boot.
   */
  public String configText(int n) throws IOException {
    return configText(file(records.get(n).id()));
  }

  private static String configText(Path f) throws IOException {
    String text = Files.readString(f, StandardCharsets.UTF_8);
    return text.substring(text.indexOf('\n') + 1);
  }

  private ConfigTree readConfig(Path f) {
    try {
      return ConfigJson.read(schema, configText(f));
    } catch (IOException | ConfigException e) {
      throw new IllegalStateException(f + ": the configuration of this commit does not read: " + e.getMessage(), e);
    }
  }
}
