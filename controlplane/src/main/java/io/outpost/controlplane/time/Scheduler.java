package io.outpost.controlplane.time;

import java.time.Duration;

/**
 * Runs a task once after a delay. Injected wherever the control plane waits (the confirmed-
 * commit timer), so tests advance a manual clock instead of sleeping.
 */
public interface Scheduler {
  /** A scheduled task that can still be cancelled. */
  interface Cancellable {
    void cancel();
  }

  Cancellable schedule(Duration delay, Runnable task);
}
