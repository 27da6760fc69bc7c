package io.outpost.controlplane.datastore;

import io.outpost.controlplane.config.ConfigTree;
import java.time.Instant;
import java.util.List;

/**
 * One commit of the history: who, when, why, what changed (as set/delete commands), and the
 * whole configuration that resulted, so that any of them can be rolled back to.
 */
public record CommitRecord(long id, Instant time, String user, String transport, String comment,
    List<String> changes, ConfigTree config) {
  public CommitRecord {
    changes = List.copyOf(changes);
  }
}
