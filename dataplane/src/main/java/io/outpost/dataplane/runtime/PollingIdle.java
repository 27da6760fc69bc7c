package io.outpost.dataplane.runtime;

import io.outpost.dataplane.pipeline.IdleStrategy;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.afpacket.IdleWaiter;
import java.util.List;

/**
 * The idle strategy for AF_PACKET workers: spin a few passes (a burst often follows a burst),
 * then sleep in poll(2) on the worker's queues for at most a millisecond, so an idle worker
 * costs no CPU, wakes on the first frame, and still runs its timers (neighbor aging, ICMP token
 * refill) at least every millisecond.
 */
public final class PollingIdle implements IdleStrategy, AutoCloseable {
  private static final int SPINS = 64;
  private static final int MAX_WAIT_MILLIS = 1;

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
  public void close() {
    waiter.close();
  }
}
