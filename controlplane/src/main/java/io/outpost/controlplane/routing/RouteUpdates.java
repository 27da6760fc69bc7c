package io.outpost.controlplane.routing;

import io.outpost.controlplane.log.Log;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries changes of learned routes to the FIB, batched: the first change after a quiet spell
 * schedules one run {@link #DELAY_MILLIS} later, and every change until then joins it. A burst
 * of BGP updates (a full table arriving) so costs one FIB update per interval, each with the
 * prefixes changed in it, on a thread of its own that never holds up the BGP sessions.
 */
public final class RouteUpdates implements AutoCloseable {
  /** How long changes gather before one run. */
  static final long DELAY_MILLIS = 100;
  private static final Log LOG = Log.get("routing");

  private volatile Runnable batch = () -> {};
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("route-updates").unstarted(r));
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /**
   * Sets what a batch of changes runs (program the changed prefixes); set once, before the
   * first change, by whoever builds the subsystems.
   */
  public void runWith(Runnable batch) {
    this.batch = batch;
  }

  /** Notes a change; cheap, callable from any thread. */
  public void changed() {
    // A plain read first: no CAS per change while a run is scheduled (a full table is a
    // million changes).
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      executor.schedule(this::run, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void run() {
    scheduled.set(false);
    try {
      batch.run();
    } catch (RuntimeException e) {
      LOG.error("cannot apply learned routes", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
