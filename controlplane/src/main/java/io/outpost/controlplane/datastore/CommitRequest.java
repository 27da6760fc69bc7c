package io.outpost.controlplane.datastore;

import java.time.Duration;

/**
 * What a session asks of a commit.
 *
 * @param comment free text kept in the history
 * @param confirmTimeout non-null for a confirmed commit: roll back unless confirmed in time
 * @param persist for a confirmed commit, a token that lets any session confirm it and keeps it
 *     alive when the issuing session ends (NETCONF :confirmed-commit:1.1 persist)
 * @param persistId the token of the pending confirmed commit this commit confirms or extends
 * @param confirmAny whether this session may confirm any pending confirmed commit without its
 *     token (the CLI's Junos-style {@code commit}); NETCONF sessions follow RFC 6241 §8.4
 * @param checkOnly validate and prepare, then abort: {@code commit check}
 */
public record CommitRequest(String comment, Duration confirmTimeout, String persist, String persistId,
    boolean confirmAny, boolean checkOnly) {

  public static CommitRequest of(String comment) {
    return new CommitRequest(comment, null, null, null, false, false);
  }

  public boolean confirmed() {
    return confirmTimeout != null;
  }

  public CommitRequest confirmedFor(Duration timeout) {
    return new CommitRequest(comment, timeout, persist, persistId, confirmAny, checkOnly);
  }

  /** The same with a persist token (see {@code persist} above). */
  public CommitRequest persisting(String token) {
    return new CommitRequest(comment, confirmTimeout, token, persistId, confirmAny, checkOnly);
  }

  public CommitRequest confirmingAny() {
    return new CommitRequest(comment, confirmTimeout, persist, persistId, true, checkOnly);
  }

  public CommitRequest checkingOnly() {
    return new CommitRequest(comment, confirmTimeout, persist, persistId, confirmAny, true);
  }
}
