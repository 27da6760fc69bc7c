package io.outpost.controlplane.log;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves the host names of one configuration's syslog servers within one time budget.
 *
 * <p>{@link InetAddress#getByName} has no timeout of its own: with an unreachable DNS server it
 * blocks for the resolver's timeouts and retries, tens of seconds, while a configuration commit
 * waits. So each lookup runs on a virtual thread and the caller waits no longer than the budget
 * allows. A lookup that overruns is abandoned; its thread ends when the system resolver gives up.
 */
final class HostResolver {

  /** How long one configuration change may wait for all the names it needs. */
  static final Duration BUDGET = Duration.ofSeconds(2);

  private final Duration budget;
  private final long deadlineNanos;

  /** Starts the budget now. */
  HostResolver(Duration budget) {
    this.budget = budget;
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
  }

  /** Resolves {@code host} (an IP literal needs no lookup), or explains why not in terms fit for the operator. */
  InetAddress resolve(String host) throws LogConfigurationException {
    FutureTask<InetAddress> lookup = new FutureTask<>(() -> InetAddress.getByName(host));
    Thread.ofVirtual().name("outpostd-log-resolve").start(lookup);
    try {
      return lookup.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      lookup.cancel(true);
      throw LogConfigurationException.forServer(host, "cannot resolve host within " + budget.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      String reason = e.getCause() instanceof UnknownHostException
          ? "cannot resolve host"
          : "cannot resolve host (" + e.getCause() + ")";
      throw LogConfigurationException.forServer(host, reason, e.getCause());
    } catch (InterruptedException e) {
      lookup.cancel(true);
      Thread.currentThread().interrupt();
      throw LogConfigurationException.forServer(host, "interrupted while resolving host", e);
    }
  }
}
