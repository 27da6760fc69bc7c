package io.outpost.controlplane.log;

/**
 * Carries encoded syslog messages to one {@link SyslogEndpoint} and counts what became of them.
 *
 * <p>Life cycle: created by {@link LogService#prepare} (the UDP socket is opened there, so a
 * failure rejects the configuration), {@link #start() started} when the configuration commits,
 * and {@link #beginClose closed} when a commit no longer uses it, when a prepared change is
 * aborted, or when the service closes.
 */
sealed interface SyslogSender permits UdpSyslogSender, TcpSyslogSender {

  SyslogEndpoint endpoint();

  /**
   * Offers one message, given as its PRI value and the encoded rest ({@link Rfc5424Encoder}).
   * Never blocks and never throws: a message that cannot be sent now is counted as dropped.
   */
  void send(int priority, byte[] afterPri);

  SyslogCounters counters();

  /** Begins work; called once, when the configuration that opened this sender commits. */
  void start();

  /**
   * Stops accepting messages and releases the sender's resources once what is queued has been
   * sent or {@code deadlineNanos} (a {@link System#nanoTime()} value) has passed. Returns at
   * once; {@link #awaitClosed} waits.
   */
  void beginClose(long deadlineNanos);

  /** Waits until a sender that began closing has released everything, enforcing its deadline. */
  void awaitClosed();

  /** Waits, until {@code deadlineNanos} at most, for every accepted message to be handed to the kernel. */
  void awaitIdle(long deadlineNanos);
}
