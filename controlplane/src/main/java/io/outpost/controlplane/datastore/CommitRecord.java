package io.outpost.controlplane.datastore;

import io.outpost.controlplane.config.ConfigTree;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One commit of the history: who, when, why, what changed (as set/delete commands), and the
 * whole configuration that resulted, so that any of them can be rolled back to.
 *
 * <p>The configuration is read from disk when first asked for: listing the history, or booting
 * with fifty large entries, reads only the small metadata line of each.
 */
public final class CommitRecord {
  private final long id;
  private final Instant time;
  private final String user;
  private final String transport;
  private final String comment;
  private final List<String> changes;
  private final Supplier<ConfigTree> loader;
  private volatile ConfigTree config;

  public CommitRecord(long id, Instant time, String user, String transport, String comment, List<String> changes,
      ConfigTree config) {
    this(id, time, user, transport, comment, changes, () -> config);
    this.config = config;
  }

  CommitRecord(long id, Instant time, String user, String transport, String comment, List<String> changes,
      Supplier<ConfigTree> loader) {
    this.id = id;
    this.time = time;
    this.user = user;
    this.transport = transport;
    this.comment = comment;
    this.changes = List.copyOf(changes);
    this.loader = loader;
  }

  public long id() {
    return id;
  }

  public Instant time() {
    return time;
  }

  public String user() {
    return user;
  }

  public String transport() {
    return transport;
  }

  public String comment() {
    return comment;
  }

  public List<String> changes() {
    return changes;
  }

  /** The configuration this commit made, read from its file on first use. */
  public ConfigTree config() {
    ConfigTree c = config;
    if (c == null) {
      c = loader.get();
      config = c;
    }
    return c;
  }
}
