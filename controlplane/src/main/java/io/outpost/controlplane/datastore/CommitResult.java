package io.outpost.controlplane.datastore;

import io.outpost.controlplane.config.ConfigDiff;
import java.time.Instant;
import java.util.List;

/**
 * What a commit did.
 *
 * @param commitId the history entry written, or 0 if none (no changes, or a check)
 * @param confirmDeadline when an unconfirmed commit rolls back, or null
 * @param confirmedPending whether this commit confirmed a pending confirmed commit
 */
public record CommitResult(long commitId, List<ConfigDiff.Change> changes, List<String> affectedSubsystems,
    List<String> warnings, Instant confirmDeadline, boolean confirmedPending) {
  public CommitResult {
    changes = List.copyOf(changes);
    affectedSubsystems = List.copyOf(affectedSubsystems);
    warnings = List.copyOf(warnings);
  }
}
