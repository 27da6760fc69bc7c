package io.outpost.controlplane.datastore;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.time.Scheduler;
import java.time.Instant;

/**
 * A confirmed commit waiting for its confirmation: what to roll back to, and when.
 *
 * @param commitId the newest commit of the confirmed chain (a confirmed commit may be extended
 *     by another before it is confirmed)
 * @param owner the session that issued it
 * @param persist the token that keeps it alive beyond the owner's session, or null
 * @param rollbackTo the configuration before the first commit of the chain
 */
public record PendingConfirm(long commitId, Session owner, String persist, Instant deadline,
    ConfigTree rollbackTo, Scheduler.Cancellable timer) {}
