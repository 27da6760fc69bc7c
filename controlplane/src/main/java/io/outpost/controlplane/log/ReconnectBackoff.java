package io.outpost.controlplane.log;

import java.time.Duration;

/**
 * The wait before the next connection attempt to a syslog server: 1 s after the first failure,
 * doubling to at most 30 s, back to 1 s after a message gets through. A server that is down
 * then costs the appliance about two connection attempts a minute.
 *
 * <p>Not thread-safe: owned by one sender thread.
 */
final class ReconnectBackoff {

  static final Duration INITIAL = Duration.ofSeconds(1);
  static final Duration MAXIMUM = Duration.ofSeconds(30);

  private Duration next = INITIAL;

  /** The delay to wait now; the one after it is twice as long, up to {@link #MAXIMUM}. */
  Duration nextDelay() {
    Duration delay = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(MAXIMUM) > 0 ? MAXIMUM : doubled;
    return delay;
  }

  void reset() {
    next = INITIAL;
  }
}
