package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * One NETLINK_ROUTE socket: it owns the file descriptor and the buffer that datagrams are
 * received into, and does nothing but send and receive.
 *
 * <p>Options set at open: a receive timeout (SO_RCVTIMEO) so that no call waits for the kernel
 * forever; NETLINK_EXT_ACK so that errors carry the kernel's explanation; NETLINK_CAP_ACK so that
 * acks do not echo the whole request back. These need Linux 4.12 or later.
 *
 * <p>The receive buffer starts at {@value #INITIAL_RECEIVE_BUFFER} bytes, the most the kernel puts
 * in one dump datagram unless a single message is bigger, and grows to fit a bigger datagram up to
 * {@value #MAX_DATAGRAM} bytes; a datagram beyond that is discarded and fails with EMSGSIZE. Not
 * thread-safe: {@link RtNetlink} serializes its use.
 */
final class NetlinkSocket implements AutoCloseable {
  static final int INITIAL_RECEIVE_BUFFER = 32 * 1024;
  static final int MAX_DATAGRAM = 1024 * 1024;

  private final LibC.Calls libc;
  private final Duration receiveTimeout;
  /** sockaddr_nl of the kernel: family AF_NETLINK, port id 0, no multicast groups. */
  private final ByteBuffer kernelAddress;

  private int fd;
  private ByteBuffer receiveBuffer;

  private NetlinkSocket(
      LibC.Calls libc, int fd, Duration receiveTimeout, int initialReceiveBuffer) {
    this.libc = libc;
    this.fd = fd;
    this.receiveTimeout = receiveTimeout;
    this.kernelAddress = socketAddress();
    this.receiveBuffer = allocate(initialReceiveBuffer);
  }

  /** Opens and binds a socket in the calling thread's network namespace. */
  static NetlinkSocket open(Duration receiveTimeout) {
    return open(receiveTimeout, INITIAL_RECEIVE_BUFFER);
  }

  /** As {@link #open(Duration)}, with a receive buffer that starts at another size. */
  static NetlinkSocket open(Duration receiveTimeout, int initialReceiveBuffer) {
    LibC.Calls libc = LibC.instance();
    int fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
    if (fd < 0) {
      throw new NetlinkException("socket(AF_NETLINK, NETLINK_ROUTE)", LibC.errno());
    }
    NetlinkSocket socket = new NetlinkSocket(libc, fd, receiveTimeout, initialReceiveBuffer);
    try {
      socket.configure();
      return socket;
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void configure() {
    // Port id 0 in bind lets the kernel choose a unique one for this socket.
    if (libc.bind(fd, socketAddress(), LibC.SOCKADDR_NL_SIZE) < 0) {
      throw new NetlinkException("bind(AF_NETLINK)", LibC.errno());
    }
    ByteBuffer timeval = allocate(2 * Long.BYTES);
    long micros = receiveTimeout.toNanos() / 1000;
    timeval.putLong(0, micros / 1_000_000).putLong(Long.BYTES, micros % 1_000_000);
    setOption(LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, "SO_RCVTIMEO");
    setOption(LibC.SOL_NETLINK, LibC.NETLINK_EXT_ACK, intValue(1), "NETLINK_EXT_ACK");
    setOption(LibC.SOL_NETLINK, LibC.NETLINK_CAP_ACK, intValue(1), "NETLINK_CAP_ACK");
  }

  /**
   * Sends one request, the bytes between the buffer's position and limit, to the kernel. The
   * buffer must be direct: jnr-ffi passes its address (plus position) to sendto as it is.
   */
  void send(ByteBuffer message, String request) {
    ensureOpen();
    long sent;
    do {
      sent =
          libc.sendto(
              fd, message, message.remaining(), 0, kernelAddress, LibC.SOCKADDR_NL_SIZE);
    } while (sent < 0 && LibC.errno() == Errno.EINTR);
    if (sent < 0) {
      throw new NetlinkException(request + ", sendto", LibC.errno());
    }
  }

  /**
   * Waits up to the receive timeout for the next datagram and returns its length; the bytes are in
   * {@link #buffer()} from offset 0 until the next call. Fails with EAGAIN on timeout.
   */
  int receive(String request) {
    ensureOpen();
    // Peek at the size first: a datagram read into a buffer too small for it is cut short and
    // the rest is lost, which would break a dump in the middle.
    int size = recv(LibC.MSG_PEEK | LibC.MSG_TRUNC, request);
    if (size > receiveBuffer.capacity()) {
      if (size > MAX_DATAGRAM) {
        recv(0, request); // read into the buffer too small for it: discarded
        throw new NetlinkException(
            request + ": " + size + "-byte datagram exceeds the " + MAX_DATAGRAM + "-byte limit",
            Errno.EMSGSIZE);
      }
      receiveBuffer = allocate(size);
    }
    return recv(0, request);
  }

  /** One recv(2) into the receive buffer; with MSG_TRUNC it returns the datagram's full size. */
  private int recv(int flags, String request) {
    while (true) {
      long received = libc.recv(fd, receiveBuffer, receiveBuffer.capacity(), flags);
      if (received >= 0) {
        return (int) received;
      }
      int errno = LibC.errno();
      // With SO_RCVTIMEO set, a signal interrupts recv with EINTR even under SA_RESTART.
      if (errno == Errno.EINTR) {
        continue;
      }
      if (errno == Errno.EAGAIN) {
        throw new NetlinkException(
            request + ": no reply within " + receiveTimeout.toMillis() + " ms", errno);
      }
      throw new NetlinkException(request + ", recv", errno);
    }
  }

  /** The receive buffer, in host byte order; its contents change with every receive. */
  ByteBuffer buffer() {
    return receiveBuffer;
  }

  /** Closes the descriptor; closing again does nothing. */
  @Override
  public void close() {
    if (fd >= 0) {
      // close() on Linux releases the descriptor even when it reports an error, so there is
      // nothing to retry and nothing the caller could do about it.
      libc.close(fd);
      fd = -1;
    }
  }

  private void ensureOpen() {
    if (fd < 0) {
      throw new IllegalStateException("netlink socket is closed");
    }
  }

  private void setOption(int level, int option, ByteBuffer value, String name) {
    if (libc.setsockopt(fd, level, option, value, value.capacity()) < 0) {
      throw new NetlinkException("setsockopt(" + name + ")", LibC.errno());
    }
  }

  private static ByteBuffer socketAddress() {
    ByteBuffer address = allocate(LibC.SOCKADDR_NL_SIZE);
    address.putShort(0, (short) LibC.AF_NETLINK);
    return address;
  }

  private static ByteBuffer intValue(int value) {
    return allocate(Integer.BYTES).putInt(0, value);
  }

  /** Direct, so jnr-ffi hands the kernel its address instead of copying it; host byte order. */
  private static ByteBuffer allocate(int capacity) {
    return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
  }
}
