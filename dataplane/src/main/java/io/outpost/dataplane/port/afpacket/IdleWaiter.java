package io.outpost.dataplane.port.afpacket;

import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.QueueStats;
import java.util.Arrays;
import java.util.List;

/**
 * How an idle worker sleeps until one of its queues has frames, and how another thread wakes it
 * early (a configuration change, shutdown).
 *
 * <p>It owns one eventfd and the list of the worker's receive descriptors ({@link
 * PortQueue#pollFd()}; queues that have none, such as in-memory ones, are left out). {@link
 * #await} is one poll(2) over all of them, so a worker with several queues still makes one system
 * call to wait, and counts it in each waited-on queue's {@code rxPolls}. {@link #wakeup} is the
 * only method other threads may call.
 *
 * <p>Limits: at most 63 queues per worker. The waiter holds descriptor numbers, not the queues'
 * lifetimes: close it before, or together with, the queues it waits on, since a closed
 * descriptor's number can be reused by the next open.
 */
public final class IdleWaiter implements AutoCloseable {
  private static final int MAX_QUEUES = 63;

  private final int[] fds;
  private final PortQueue[] queues;
  private final int eventFd;
  private final Object closeLock = new Object();
  private boolean closed;

  /** A waiter over these queues' receive descriptors, with its own wakeup eventfd. */
  public IdleWaiter(List<? extends PortQueue> queues) {
    PortQueue[] waitable = queues.stream().filter(q -> q.pollFd() >= 0).toArray(PortQueue[]::new);
    if (waitable.length > MAX_QUEUES) {
      throw new IllegalArgumentException(
          "an idle wait covers at most " + MAX_QUEUES + " queues: " + waitable.length);
    }
    this.queues = waitable;
    this.fds = Arrays.stream(waitable).mapToInt(PortQueue::pollFd).toArray();
    int fd = AfPacketNative.eventfd();
    if (fd < 0) {
      throw new IllegalStateException("eventfd: errno " + -fd);
    }
    this.eventFd = fd;
  }

  /**
   * Blocks until a queue has frames to receive, {@link #wakeup} is called, or {@code
   * timeoutMillis} pass ({@code -1}: no limit); returns at once if any of that has already
   * happened. A wakeup that came while the worker was busy ends the next wait at once, then is
   * spent.
   *
   * @return how many descriptors were ready: 0 after a timeout (or a signal interrupting the
   *     wait), and the woken eventfd counts as one
   */
  public int await(int timeoutMillis) {
    int ready = AfPacketNative.poll(fds, fds.length, eventFd, timeoutMillis);
    for (PortQueue queue : queues) {
      // AfPacketQueue.stats() asks the kernel for its drop count; counting a poll must not.
      QueueStats stats = queue instanceof AfPacketQueue own ? own.counters() : queue.stats();
      stats.rxPolls++;
    }
    if (ready < 0) {
      throw new IllegalStateException("poll: errno " + -ready);
    }
    return ready;
  }

  /** Ends the worker's current or next {@link #await}; any thread, any time before close. */
  public void wakeup() {
    synchronized (closeLock) {
      if (!closed) {
        AfPacketNative.signal(eventFd);
      }
    }
  }

  /** Closes the eventfd; the queues are not closed. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (!closed) {
        closed = true;
        AfPacketNative.close(eventFd, 0, 0);
      }
    }
  }
}
