package io.outpost.dataplane.kernel;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The control plane's client of the kernel's rtnetlink: reads links and addresses and programs
 * link state, MTU and addresses, in one network namespace.
 *
 * <p>It owns one NETLINK_ROUTE socket, which stays in the namespace it was opened in, and the
 * request sequence numbers. Each call is one exchange of a request and its replies ({@link
 * NetlinkExchange}). Every change asks for an ack, so a call that returns has been applied, and a
 * refusal is a {@link NetlinkException} with the kernel's errno.
 *
 * <p>Limits: each wait for a datagram is bounded by {@link #RECEIVE_TIMEOUT}, after which the call
 * fails with EAGAIN. A dump that the kernel flags as interrupted (NLM_F_DUMP_INTR: the table
 * changed while it was read) is repeated, up to three times in all, then fails with EINTR.
 *
 * <p>Thread safety: an instance may be shared, but its calls run one at a time under a lock
 * because the socket carries one exchange at a time. A call blocks in a native recv, which pins
 * the carrier of a virtual thread for as long as it waits.
 */
public final class RtNetlink implements AutoCloseable {
  /** How long each read of a reply may wait for the kernel. */
  public static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);

  private static final int DUMP_ATTEMPTS = 3;

  /** Requests are at most a few dozen bytes: a header, a family header, two addresses. */
  private static final int REQUEST_BUFFER_SIZE = 256;

  private final ReentrantLock lock = new ReentrantLock();
  private final NetlinkSocket socket;
  private final RtRequestEncoder encoder;
  private int sequence;

  private RtNetlink(NetlinkSocket socket) {
    this.socket = socket;
    this.encoder =
        new RtRequestEncoder(
            ByteBuffer.allocateDirect(REQUEST_BUFFER_SIZE).order(ByteOrder.nativeOrder()));
  }

  /** Opens a client in the calling thread's current network namespace. */
  public static RtNetlink open() {
    return new RtNetlink(NetlinkSocket.open(RECEIVE_TIMEOUT));
  }

  /**
   * Opens a client in the network namespace named by {@code namespaceFile}, e.g. {@code
   * /run/netns/NAME} or {@code /proc/PID/ns/net}, without moving any of the JVM's threads: the
   * socket is created on a short-lived thread that joins the namespace (see {@link
   * NetworkNamespaceThread}). Needs CAP_SYS_ADMIN.
   */
  public static RtNetlink openInNamespace(Path namespaceFile) {
    return NetworkNamespaceThread.call(namespaceFile, RtNetlink::open);
  }

  /** Every link in the namespace, in the order the kernel lists them. */
  public List<Link> links() {
    return dump(
        "RTM_GETLINK dump",
        encoder::linkDump,
        NlMsg.RTM_NEWLINK,
        (message, into) ->
            into.add(
                LinkMessage.decode(
                    message.buffer(), message.payloadOffset(), message.payloadLength())));
  }

  /**
   * The link with this name, or empty if there is none.
   *
   * @throws IllegalArgumentException if the name is empty or longer than 15 bytes, which no
   *     interface name can be
   */
  public Optional<Link> link(String name) {
    int length = name.getBytes(StandardCharsets.UTF_8).length;
    if (length == 0 || length > LinkMessage.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "interface name must be 1 to " + LinkMessage.MAX_NAME_LENGTH + " bytes: '" + name + "'");
    }
    List<Link> found = new ArrayList<>(1);
    try {
      exchange(
          "RTM_GETLINK " + name,
          sequence -> encoder.linkByName(sequence, name),
          message -> {
            if (message.type() == NlMsg.RTM_NEWLINK) {
              found.add(
                  LinkMessage.decode(
                      message.buffer(), message.payloadOffset(), message.payloadLength()));
            }
          });
    } catch (NetlinkException e) {
      if (e.errno() == Errno.ENODEV) {
        return Optional.empty();
      }
      throw e;
    }
    return found.stream().findFirst();
  }

  /** Every IPv4 and IPv6 address of every link in the namespace. */
  public List<Address> addresses() {
    return dump(
        "RTM_GETADDR dump",
        encoder::addressDump,
        NlMsg.RTM_NEWADDR,
        (message, into) ->
            AddressMessage.decode(
                    message.buffer(), message.payloadOffset(), message.payloadLength())
                .ifPresent(into::add));
  }

  /** Sets the link administratively up or down (IFF_UP), leaving its other flags alone. */
  public void setLinkUp(int ifindex, boolean up) {
    change(
        "RTM_NEWLINK ifindex " + ifindex + (up ? " up" : " down"),
        sequence -> encoder.setLinkUp(sequence, ifindex, up));
  }

  /**
   * Sets the link's MTU; the kernel refuses, with EINVAL, a value outside the link's {@link
   * Link#minMtu()} and {@link Link#maxMtu()}.
   *
   * @throws IllegalArgumentException if {@code mtu} is negative
   */
  public void setMtu(int ifindex, int mtu) {
    if (mtu < 0) {
      throw new IllegalArgumentException("negative MTU " + mtu);
    }
    change(
        "RTM_NEWLINK ifindex " + ifindex + " mtu " + mtu,
        sequence -> encoder.setMtu(sequence, ifindex, mtu));
  }

  /** Sets the link's MAC (six bytes for Ethernet). */
  public void setLinkAddress(int ifindex, byte[] address) {
    change(
        "RTM_NEWLINK ifindex " + ifindex + " address",
        sequence -> encoder.setLinkAddress(sequence, ifindex, address));
  }

  /** Renames a link; the kernel refuses (EBUSY) while it is up. */
  public void rename(int ifindex, String name) {
    change(
        "RTM_NEWLINK ifindex " + ifindex + " name " + name,
        sequence -> encoder.rename(sequence, ifindex, name));
  }

  /**
   * Adds an address with its on-link prefix; fails with EEXIST if the link already has it.
   *
   * @throws IllegalArgumentException if the prefix length is outside 0 to 32 (IPv4) or 0 to 128
   */
  public void addAddress(int ifindex, InetAddress address, int prefixLength) {
    checkPrefixLength(address, prefixLength);
    change(
        describe("RTM_NEWADDR", ifindex, address, prefixLength),
        sequence -> encoder.addAddress(sequence, ifindex, address, prefixLength));
  }

  /**
   * Deletes an address with this prefix length; fails with EADDRNOTAVAIL if the link has no such
   * address.
   *
   * @throws IllegalArgumentException if the prefix length is outside 0 to 32 (IPv4) or 0 to 128
   */
  public void deleteAddress(int ifindex, InetAddress address, int prefixLength) {
    checkPrefixLength(address, prefixLength);
    change(
        describe("RTM_DELADDR", ifindex, address, prefixLength),
        sequence -> encoder.deleteAddress(sequence, ifindex, address, prefixLength));
  }

  /**
   * The destinations of the routes in the main table that Outpost installed (protocol static,
   * metric {@link KernelRoute#METRIC}): what a daemon that stopped without cleaning up may have
   * left.
   */
  public List<KernelRoute.Destination> ownRoutes() {
    List<RouteMessage.Installed> all = dump("RTM_GETROUTE dump", encoder::routeDump,
        NlMsg.RTM_NEWROUTE, (message, into) -> RouteMessage.decode(message.buffer(),
            message.payloadOffset(), message.payloadLength()).ifPresent(into::add));
    return all.stream().filter(r -> r.table() == KernelRoute.TABLE_MAIN
            && r.protocol() == KernelRoute.PROTOCOL_STATIC && r.metric() == KernelRoute.METRIC)
        .map(r -> new KernelRoute.Destination(r.destination(), r.prefixLength())).toList();
  }

  /** Installs {@code route} in the main table, replacing one with its destination and metric. */
  public void replaceRoute(KernelRoute route) {
    change("RTM_NEWROUTE " + route, sequence -> encoder.replaceRoute(sequence, route));
  }

  /**
   * Deletes the route Outpost installed for {@code destination}; returns false if there
   * was none (ESRCH), which is no error: the device it used may have gone and taken it along.
   */
  public boolean deleteRoute(KernelRoute.Destination destination) {
    try {
      change("RTM_DELROUTE " + destination,
          sequence -> encoder.deleteRoute(sequence, destination));
      return true;
    } catch (NetlinkException e) {
      if (e.errno() == Errno.ESRCH) {
        return false;
      }
      throw e;
    }
  }

  /** Closes the socket, after any call in progress; closing again does nothing. */
  @Override
  public void close() {
    lock.lock();
    try {
      socket.close();
    } finally {
      lock.unlock();
    }
  }

  private <T> List<T> dump(
      String request,
      IntFunction<ByteBuffer> encode,
      int replyType,
      BiConsumer<NetlinkDatagram, List<T>> decode) {
    for (int attempt = 1; ; attempt++) {
      List<T> items = new ArrayList<>();
      boolean consistent =
          exchange(
              request,
              encode,
              message -> {
                if (message.type() == replyType) {
                  decode.accept(message, items);
                }
              });
      if (consistent) {
        return List.copyOf(items);
      }
      if (attempt == DUMP_ATTEMPTS) {
        throw new NetlinkException(
            request + ": table changed during each of " + DUMP_ATTEMPTS + " attempts",
            Errno.EINTR);
      }
    }
  }

  private void change(String request, IntFunction<ByteBuffer> encode) {
    // The answer to a change is its ack alone: no data replies to consume.
    exchange(request, encode, message -> {});
  }

  /**
   * Sends one request and hands each data reply to {@code onReply} until the kernel ends the
   * exchange (see {@link NetlinkExchange}); returns false if the kernel flagged a dump reply as
   * interrupted.
   */
  private boolean exchange(
      String request, IntFunction<ByteBuffer> encode, Consumer<NetlinkDatagram> onReply) {
    lock.lock();
    try {
      int expected = ++sequence;
      socket.send(encode.apply(expected), request);
      NetlinkExchange exchange = new NetlinkExchange(request, expected, onReply);
      boolean ended = false;
      while (!ended) {
        // receive() first: it may replace the buffer with a bigger one.
        int length = socket.receive(request);
        ended = exchange.accept(socket.buffer(), length);
      }
      return exchange.consistent();
    } finally {
      lock.unlock();
    }
  }

  private static void checkPrefixLength(InetAddress address, int prefixLength) {
    Objects.requireNonNull(address, "address");
    int bits = address.getAddress().length * Byte.SIZE;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " outside 0.." + bits + " for " + address);
    }
  }

  private static String describe(
      String type, int ifindex, InetAddress address, int prefixLength) {
    return type + " ifindex " + ifindex + " " + address.getHostAddress() + "/" + prefixLength;
  }
}
