package io.outpost.dataplane.pipeline;

/**
 * What a worker does when a pass found no work: spin briefly, then yield, then wait. A driver
 * that can be waited on (AF_PACKET) supplies one that sleeps in poll(2) on its queues, so an
 * idle worker costs next to no CPU and wakes on the first frame.
 */
public interface IdleStrategy {
  /** Called after a pass that found nothing. */
  void idle();

  /** Called after a pass that found work. */
  void reset();

  /**
   * Ends the worker's current or next wait early, from any thread: work arrived that the wait
   * does not watch (frames the kernel queued for a port). Strategies that never sleep long
   * ignore it.
   */
  default void wakeup() {}

  /**
   * Never sleeps: the worker keeps its CPU and sees a frame the moment it lands (the polling
   * rx-mode).
   */
  static IdleStrategy busyPoll() {
    return new IdleStrategy() {
      @Override
      public void idle() {
        Thread.onSpinWait();
      }

      @Override
      public void reset() {}
    };
  }

  /** Spins, then yields, then parks for {@code parkNanos}: for drivers with no file to poll. */
  static IdleStrategy backoff(long parkNanos) {
    return new IdleStrategy() {
      private int idles;

      @Override
      public void idle() {
        idles++;
        if (idles < 100) {
          Thread.onSpinWait();
        } else if (idles < 200) {
          Thread.yield();
        } else {
          java.util.concurrent.locks.LockSupport.parkNanos(parkNanos);
        }
      }

      @Override
      public void reset() {
        idles = 0;
      }
    };
  }
}
