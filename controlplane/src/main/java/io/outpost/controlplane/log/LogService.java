package io.outpost.controlplane.log;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The daemon's logging outputs: installed once at start-up, reconfigured by configuration
 * commits, closed on SIGTERM.
 *
 * <p>Owns the syslog senders (sockets, connections, queues, threads), the JUL bridge and the
 * settings in force, and publishes them as an {@link ActiveOutputs} snapshot that every
 * {@link Log} reads. Changes take two phases so that logging can join an all-or-nothing
 * configuration commit:
 * <pre>{@code
 * LogService.Prepared change = logs.prepare(next);   // may throw LogConfigurationException
 * ...prepare the other subsystems...
 * change.commit();                                   // or change.abort() if anything failed
 * }</pre>
 * {@code prepare} does everything that can fail (resolving names, opening UDP sockets) and
 * changes nothing that is in force; {@code commit} cannot fail. A sender whose endpoint is in
 * both the old and the new settings is kept as it is, with its connection, queue and counters.
 *
 * <p>Methods are thread-safe; at most one change may be prepared at a time.
 */
public final class LogService implements AutoCloseable {

  /** How long a TCP sender a commit removed may go on sending what it still holds. */
  static final Duration RETIRE_GRACE = Duration.ofSeconds(2);
  /** How long {@link #close()} waits for TCP queues to drain, all servers together. */
  static final Duration CLOSE_DEADLINE = Duration.ofSeconds(2);
  /** How long {@link #flush()} waits for TCP queues to be written. */
  static final Duration FLUSH_DEADLINE = Duration.ofSeconds(1);

  private static final Object INSTALL_LOCK = new Object();
  private static LogService installed;

  private final PrintStream stdout;
  private final Clock clock;
  private final JulBridge julBridge;
  private final Object lock = new Object();

  private LogSettings settings;
  private String hostname;
  private Map<SyslogEndpoint, SyslogSender> senders = Map.of();
  private Prepared pending;
  private boolean closed;

  private LogService(LogSettings initial, PrintStream stdout, Clock clock, String hostname) {
    this.stdout = stdout;
    this.clock = clock;
    this.hostname = hostname;
    // No targets until install commits them: every target in force has a sender.
    this.settings = LogSettings.stdoutOnly(initial.format(), initial.minimumLevel());
    this.julBridge = JulBridge.install(initial.threshold());
  }

  /**
   * Makes {@code initial} the process's logging configuration and routes java.util.logging
   * into it. At most one service is installed at a time; {@link #close()} uninstalls.
   *
   * @param stdout   where log lines go; the daemon passes {@code System.out}
   * @param clock    stamps every event
   * @param hostname the appliance host-name, the HOSTNAME of syslog messages
   * @throws LogConfigurationException if a syslog server of {@code initial} cannot be used;
   *                                   nothing is installed then
   */
  public static LogService install(LogSettings initial, PrintStream stdout, Clock clock, String hostname)
      throws LogConfigurationException {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(hostname, "hostname");
    synchronized (INSTALL_LOCK) {
      if (installed != null) {
        throw new IllegalStateException("a LogService is already installed");
      }
      LogService service = new LogService(initial, stdout, clock, hostname);
      try {
        service.prepare(initial).commit();
      } catch (LogConfigurationException | RuntimeException e) {
        service.close();
        throw e;
      }
      installed = service;
      return service;
    }
  }

  /**
   * First phase of a change: opens what {@code next} needs and the current settings lack.
   * Waits at most {@link HostResolver#BUDGET} for host names. The settings in force do not
   * change until {@link Prepared#commit()}.
   *
   * @throws LogConfigurationException with the server and the reason when a target cannot be used
   * @throws IllegalStateException     if another change is prepared and neither committed nor aborted
   */
  public Prepared prepare(LogSettings next) throws LogConfigurationException {
    Objects.requireNonNull(next, "next");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the LogService is closed");
      }
      if (pending != null) {
        throw new IllegalStateException("another logging change is prepared and not yet committed or aborted");
      }
      Map<SyslogEndpoint, SyslogSender> opened = new LinkedHashMap<>();
      HostResolver resolver = new HostResolver(HostResolver.BUDGET);
      try {
        for (SyslogTarget target : next.targets()) {
          SyslogEndpoint endpoint = target.endpoint();
          if (!senders.containsKey(endpoint)) {
            opened.put(endpoint, open(endpoint, resolver.resolve(endpoint.host())));
          }
        }
      } catch (LogConfigurationException e) {
        closeNow(opened.values());
        throw e;
      }
      pending = new Prepared(next, opened);
      return pending;
    }
  }

  private static SyslogSender open(SyslogEndpoint endpoint, InetAddress address) throws LogConfigurationException {
    InetSocketAddress socketAddress = new InetSocketAddress(address, endpoint.port());
    return switch (endpoint.transport()) {
      case UDP -> {
        try {
          yield UdpSyslogSender.open(endpoint, socketAddress);
        } catch (IOException e) {
          throw LogConfigurationException.forServer(endpoint.host(), "cannot open a UDP socket (" + e + ")", e);
        }
      }
      // Connected lazily by its own thread: a server that is down at commit time must not
      // fail the commit, it is exactly what the queue and the reconnect are for.
      case TCP -> new TcpSyslogSender(endpoint, socketAddress);
    };
  }

  /** Changes the HOSTNAME of syslog messages from now on, as the appliance host-name changes. */
  public void setHostname(String hostname) {
    Objects.requireNonNull(hostname, "hostname");
    synchronized (lock) {
      this.hostname = hostname;
      if (!closed) {
        publish();
      }
    }
  }

  /** The settings in force. */
  public LogSettings settings() {
    synchronized (lock) {
      return settings;
    }
  }

  /** Sent and dropped counts of each syslog target in force, in configuration order. */
  public Map<SyslogTarget, SyslogCounters> counters() {
    synchronized (lock) {
      Map<SyslogTarget, SyslogCounters> counters = new LinkedHashMap<>();
      for (SyslogTarget target : settings.targets()) {
        counters.put(target, senders.get(target.endpoint()).counters());
      }
      return counters;
    }
  }

  /**
   * Flushes stdout and waits up to {@link #FLUSH_DEADLINE} for the TCP senders to hand what
   * they hold to the kernel.
   */
  public void flush() {
    List<SyslogSender> current;
    synchronized (lock) {
      current = List.copyOf(senders.values());
    }
    stdout.flush();
    long deadline = System.nanoTime() + FLUSH_DEADLINE.toNanos();
    for (SyslogSender sender : current) {
      sender.awaitIdle(deadline);
    }
  }

  /**
   * Uninstalls: later events go to standard error (see {@link ActiveOutputs#beforeInstall()}),
   * JUL gets its own handlers back, TCP senders get {@link #CLOSE_DEADLINE} to send what they
   * hold and every socket is closed. Calling it again does nothing.
   */
  @Override
  public void close() {
    List<SyslogSender> closing;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (pending != null) {
        pending.release();
      }
      LogDispatch.publish(ActiveOutputs.beforeInstall());
      julBridge.uninstall();
      closing = List.copyOf(senders.values());
      senders = Map.of();
    }
    long deadline = System.nanoTime() + CLOSE_DEADLINE.toNanos();
    closing.forEach(sender -> sender.beginClose(deadline));
    closing.forEach(SyslogSender::awaitClosed);
    stdout.flush();
    synchronized (INSTALL_LOCK) {
      if (installed == this) {
        installed = null;
      }
    }
  }

  /** Builds and publishes the snapshot of the current settings, senders and host-name. Holds {@link #lock}. */
  private void publish() {
    List<ActiveOutputs.Route> routes = new ArrayList<>(settings.targets().size());
    for (SyslogTarget target : settings.targets()) {
      routes.add(new ActiveOutputs.Route(target, senders.get(target.endpoint())));
    }
    LogDispatch.publish(ActiveOutputs.of(settings, clock, stdout, hostname, routes));
    julBridge.follow(settings.threshold());
  }

  private static void closeNow(Iterable<SyslogSender> toClose) {
    long now = System.nanoTime();
    for (SyslogSender sender : toClose) {
      sender.beginClose(now);
    }
  }

  /**
   * A change made ready by {@link #prepare}: exactly one of {@link #commit()} and
   * {@link #abort()} must follow.
   */
  public final class Prepared {

    private final LogSettings next;
    private final Map<SyslogEndpoint, SyslogSender> opened;

    private Prepared(LogSettings next, Map<SyslogEndpoint, SyslogSender> opened) {
      this.next = next;
      this.opened = opened;
    }

    /**
     * Second phase: puts the prepared settings in force in one step and retires the senders
     * they no longer use (a retired TCP sender gets {@link #RETIRE_GRACE} to send what it
     * holds, in the background). Cannot fail.
     *
     * @throws IllegalStateException if this change was already committed or aborted
     */
    public void commit() {
      List<SyslogSender> retired = new ArrayList<>();
      synchronized (lock) {
        checkPending();
        Map<SyslogEndpoint, SyslogSender> kept = new LinkedHashMap<>();
        for (SyslogTarget target : next.targets()) {
          SyslogEndpoint endpoint = target.endpoint();
          SyslogSender existing = senders.get(endpoint);
          kept.put(endpoint, existing != null ? existing : opened.get(endpoint));
        }
        for (SyslogSender sender : senders.values()) {
          if (!kept.containsKey(sender.endpoint())) {
            retired.add(sender);
          }
        }
        opened.values().forEach(SyslogSender::start);
        settings = next;
        senders = kept;
        pending = null;
        publish();
      }
      long deadline = System.nanoTime() + RETIRE_GRACE.toNanos();
      retired.forEach(sender -> sender.beginClose(deadline));
    }

    /**
     * Releases what {@link #prepare} opened; the settings in force stay as they are.
     *
     * @throws IllegalStateException if this change was already committed or aborted
     */
    public void abort() {
      synchronized (lock) {
        checkPending();
        release();
      }
    }

    private void release() {
      pending = null;
      closeNow(opened.values());
    }

    private void checkPending() {
      if (pending != this) {
        throw new IllegalStateException("this logging change was already committed or aborted, or the service was closed");
      }
    }
  }
}
