package io.outpost.dataplane.runtime;

import io.outpost.dataplane.pipeline.IdleStrategy;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.afpacket.IdleWaiter;
import java.util.List;

/**
 * The idle strategy for AF_PACKET workers: spin a few passes (a burst often follows a burst),
 * then sleep in poll(2) on the worker's queues until a frame arrives, {@link #wakeup} is called
 * (the TAP readers call it when the kernel has queued frames for worker 0 to send), or the
 * worker's timer tick (10 ms: neighbor aging and resolution retries) is due.
 *
 * <p>The wait was a millisecond until the TAP readers woke the worker themselves: a thousand
 * wake-ups a second kept an idle worker at about 5% of a core (measured with
 * {@code /proc/PID/task/TID/stat} on an idle appliance), enough that a benchmark waiting for
 * the daemon to go quiet never saw it. Now about a hundred.
 */
public final class PollingIdle implements IdleStrategy, AutoCloseable {
  private static final int SPINS = 64;
  /** The worker's timer tick ({@code Worker.TICK_NANOS}). */
  private static final int MAX_WAIT_MILLIS = 10;

  private final IdleWaiter waiter;
  private int idles;

  public PollingIdle(PortQueue[] queues) {
    this.waiter = new IdleWaiter(List.of(queues));
  }

  @Override
  public void idle() {
    if (++idles > SPINS) {
      waiter.await(MAX_WAIT_MILLIS);
    } else {
      Thread.onSpinWait();
    }
  }

  @Override
  public void reset() {
    idles = 0;
  }

  @Override
  public void wakeup() {
    waiter.wakeup();
  }

  @Override
  public void close() {
    waiter.close();
  }
}
