package io.outpost.controlplane.log;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends syslog messages over TCP with RFC 6587 octet-counting framing ({@code LEN SP MSG}), from
 * a virtual thread of its own, so that a slow or absent server never holds up the thread that
 * logs.
 *
 * <p>Owns a bounded queue, the connection and the sender thread. Callers only enqueue; when the
 * queue holds {@value #QUEUE_CAPACITY} messages or {@value #QUEUE_BYTES} bytes the message is
 * dropped and counted. The byte bound keeps a burst of large messages (stack traces) from
 * holding tens of megabytes. The thread connects when the first message arrives, and after a
 * failure waits as {@link ReconnectBackoff} says before it tries again; the message that failed
 * is sent again on the new connection, because a frame cut short by a broken connection is
 * discarded by the receiver.
 *
 * <p>Messages are cut to {@value #MAX_MESSAGE_OCTETS} octets: RFC 6587 sets no limit, but 8192 is
 * what RFC 5425 §4.3.1 asks receivers to accept and rsyslog's default maximum.
 *
 * <p>Closing: new messages are dropped, the thread sends what is queued until the deadline, one
 * connection attempt at most, then counts the rest as dropped. A write stuck on a server that
 * stopped reading is cut off by closing the socket when the deadline passes.
 */
final class TcpSyslogSender implements SyslogSender {

  static final int QUEUE_CAPACITY = 10_000;
  static final long QUEUE_BYTES = 8L << 20;
  static final int MAX_MESSAGE_OCTETS = 8192;
  static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  /** Offered to wake a thread waiting on an empty queue when closing begins; never written. */
  private static final byte[] WAKE_UP = new byte[0];

  private final SyslogEndpoint endpoint;
  private final InetSocketAddress address;
  private final BlockingQueue<byte[]> queue;
  private final long queueBytes;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final ReconnectBackoff backoff = new ReconnectBackoff();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);

  /** Messages accepted and neither written nor dropped yet; counted before they enter the queue. */
  private final AtomicLong unfinished = new AtomicLong();

  private volatile long closeDeadlineNanos;
  private volatile Thread thread;
  /** Written by the sender thread only; read by closers to cut off a stuck write. */
  private volatile SocketChannel channel;

  TcpSyslogSender(SyslogEndpoint endpoint, InetSocketAddress address) {
    this(endpoint, address, QUEUE_CAPACITY, QUEUE_BYTES);
  }

  /** With smaller bounds, so tests can fill the queue without megabytes of messages. */
  TcpSyslogSender(SyslogEndpoint endpoint, InetSocketAddress address, int queueCapacity, long queueBytes) {
    this.endpoint = endpoint;
    this.address = address;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.queueBytes = queueBytes;
  }

  @Override
  public SyslogEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void send(int priority, byte[] afterPri) {
    if (isClosing()) {
      dropped.increment();
      return;
    }
    byte[] message = Rfc5424Encoder.withPri(priority, afterPri, MAX_MESSAGE_OCTETS);
    unfinished.incrementAndGet();
    if (queuedBytes.addAndGet(message.length) > queueBytes || !queue.offer(message)) {
      queuedBytes.addAndGet(-message.length);
      finish(dropped);
    } else if (terminated.getCount() == 0 && queue.remove(message)) {
      // The thread finished after the closing check: nobody will send it.
      queuedBytes.addAndGet(-message.length);
      finish(dropped);
    }
  }

  @Override
  public SyslogCounters counters() {
    return new SyslogCounters(sent.sum(), dropped.sum());
  }

  @Override
  public void start() {
    thread = Thread.ofVirtual().name("outpostd-syslog-" + endpoint).start(this::run);
  }

  @Override
  public void beginClose(long deadlineNanos) {
    closeDeadlineNanos = deadlineNanos;
    closing.countDown();
    if (thread == null) {
      // Prepared but never committed: there is no thread and nothing queued.
      terminated.countDown();
      return;
    }
    queue.offer(WAKE_UP);
    // Whoever began the close may not wait for it (a commit must not), so the deadline is
    // enforced by a watcher of its own.
    Thread.ofVirtual().name("outpostd-syslog-close-" + endpoint).start(this::awaitClosed);
  }

  @Override
  public void awaitClosed() {
    try {
      long remaining = closeDeadlineNanos - System.nanoTime();
      if (!terminated.await(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
        disconnect();
        thread.interrupt();
        terminated.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void awaitIdle(long deadlineNanos) {
    try {
      while (unfinished.get() > 0 && terminated.getCount() > 0 && deadlineNanos - System.nanoTime() > 0) {
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish(LongAdder outcome) {
    outcome.increment();
    unfinished.decrementAndGet();
  }

  private boolean isClosing() {
    return closing.getCount() == 0;
  }

  private void run() {
    byte[] message = null;
    try {
      while (true) {
        if (message == null) {
          message = isClosing() ? queue.poll() : queue.take();
          if (message == null) {
            return;
          }
          queuedBytes.addAndGet(-message.length);
          if (message == WAKE_UP) {
            message = null;
            continue;
          }
        }
        if (isClosing() && closeDeadlineNanos - System.nanoTime() <= 0) {
          return;
        }
        try {
          write(message);
          finish(sent);
          message = null;
          backoff.reset();
        } catch (IOException e) {
          disconnect();
          if (isClosing()) {
            return;
          }
          // Wakes early when closing begins, for one last attempt within the deadline.
          closing.await(backoff.nextDelay().toNanos(), TimeUnit.NANOSECONDS);
        }
      }
    } catch (InterruptedException e) {
      // awaitClosed gave up on the drain at the deadline.
    } finally {
      disconnect();
      if (message != null) {
        finish(dropped);
      }
      dropQueued();
      terminated.countDown();
      // A send that passed its closing check just before the close may have queued after
      // the drain above; it either sees the countdown and takes its message back, or its
      // message is taken here. Either way it is counted once.
      dropQueued();
    }
  }

  private void dropQueued() {
    for (byte[] left; (left = queue.poll()) != null; ) {
      queuedBytes.addAndGet(-left.length);
      if (left != WAKE_UP) {
        finish(dropped);
      }
    }
  }

  private void write(byte[] message) throws IOException {
    SocketChannel connection = channel;
    if (connection == null) {
      connection = connect();
    }
    ByteBuffer[] frame = {
        ByteBuffer.wrap((message.length + " ").getBytes(StandardCharsets.US_ASCII)),
        ByteBuffer.wrap(message)
    };
    while (frame[1].hasRemaining()) {
      connection.write(frame);
    }
  }

  private SocketChannel connect() throws IOException {
    SocketChannel connection = SocketChannel.open();
    try {
      connection.socket().setKeepAlive(true);
      int timeout = CONNECT_TIMEOUT_MILLIS;
      if (isClosing()) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(closeDeadlineNanos - System.nanoTime());
        timeout = Math.clamp(remainingMillis, 1, CONNECT_TIMEOUT_MILLIS);
      }
      connection.socket().connect(address, timeout);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    channel = connection;
    return connection;
  }

  private void disconnect() {
    SocketChannel connection = channel;
    channel = null;
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException e) {
        // The connection is being abandoned either way.
      }
    }
  }
}
