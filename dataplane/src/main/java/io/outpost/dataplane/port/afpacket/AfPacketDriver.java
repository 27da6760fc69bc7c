package io.outpost.dataplane.port.afpacket;

import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.NetworkNamespaceThread;
import io.outpost.dataplane.kernel.NetlinkException;
import io.outpost.dataplane.kernel.RtNetlink;
import io.outpost.dataplane.port.FrameBurst;
import io.outpost.dataplane.port.PortDriver;
import io.outpost.dataplane.port.PortException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code afpacket} port driver: opens {@link AfPacketQueue}s, AF_PACKET sockets with
 * PACKET_MMAP rings, on Linux network interfaces.
 *
 * <p>It owns only its settings (ring sizes, and the network namespace to open ports in); each
 * queue it opens owns its socket and rings. The interface's index and MTU come from rtnetlink
 * ({@link RtNetlink}, jnr-ffi), not from {@code /sys/class/net}, which shows the namespace of
 * whoever mounted it rather than the one the socket is created in.
 *
 * <p>Slots are sized from the MTU when the queue opens: a power of two from 2048 to 65536 bytes
 * holding the kernel's header, the headroom for a VLAN tag and MTU + 18 bytes of frame (2048 for
 * MTU 1500, 16384 for 9000). A later, larger MTU is not followed: longer frames are then dropped
 * and counted as {@code rxTruncated} until the queue is reopened.
 *
 * <p>Queue {@code i} of {@code n > 1} joins a PACKET_FANOUT_HASH group whose id is the interface
 * index, so the kernel spreads flows over the port's queues by their flow hash, each flow to one
 * queue. Needs CAP_NET_RAW and CAP_NET_ADMIN (promiscuous mode, a send buffer the size of the
 * ring), and CAP_SYS_ADMIN for a port in another namespace.
 */
public final class AfPacketDriver implements PortDriver {
  /** Receive and transmit slots per queue unless configured: four bursts each. */
  public static final int DEFAULT_SLOTS = 4 * FrameBurst.MAX;

  private static final int MIN_FRAME_SIZE = 2048;
  private static final int MAX_FRAME_SIZE = 1 << 16;
  private static final int MAX_BLOCK_SIZE = 1 << 16;
  private static final int ETHERNET_AND_TAG = 18;

  private final int rxSlots;
  private final int txSlots;
  private final Optional<Path> namespace;

  /** A driver for ports in the caller's network namespace, with {@link #DEFAULT_SLOTS}. */
  public AfPacketDriver() {
    this(DEFAULT_SLOTS, DEFAULT_SLOTS, Optional.empty());
  }

  /**
   * A driver with {@code rxSlots} and {@code txSlots} frames per ring (powers of two from 2 to
   * 65536) that opens ports in the network namespace named by {@code namespace} ({@code
   * /run/netns/NAME}), or in the caller's when empty.
   */
  public AfPacketDriver(int rxSlots, int txSlots, Optional<Path> namespace) {
    checkSlots("rxSlots", rxSlots);
    checkSlots("txSlots", txSlots);
    this.rxSlots = rxSlots;
    this.txSlots = txSlots;
    this.namespace = namespace;
  }

  @Override
  public String name() {
    return "afpacket";
  }

  @Override
  public AfPacketQueue open(String portName, int queue, int queues) throws PortException {
    if (queues < 1 || queue < 0 || queue >= queues) {
      throw new IllegalArgumentException("queue " + queue + " of " + queues);
    }
    if (namespace.isEmpty()) {
      return openHere(portName, queues);
    }
    try {
      return NetworkNamespaceThread.call(namespace.get(), () -> {
        try {
          return openHere(portName, queues);
        } catch (PortException e) {
          throw new Carried(e);
        }
      });
    } catch (Carried c) {
      throw c.port;
    } catch (RuntimeException e) {
      throw new PortException("afpacket port " + portName + ": " + e.getMessage(), e);
    }
  }

  /** Carries the checked PortException out of the namespace thread's Supplier. */
  private static final class Carried extends RuntimeException {
    final PortException port;

    Carried(PortException port) {
      super(port.getMessage(), port, false, false);
      this.port = port;
    }
  }

  /** Opens the queue in the calling thread's network namespace. */
  private AfPacketQueue openHere(String portName, int queues) throws PortException {
    Link link = lookUp(portName);
    int frameSize = frameSizeFor(link.mtu());
    int blockSize = Math.min(MAX_BLOCK_SIZE, Math.min(rxSlots, txSlots) * frameSize);
    blockSize = Math.max(blockSize, frameSize);
    int fanoutGroup = queues > 1 ? link.index() & 0xffff : -1;
    long[] opened;
    try {
      opened =
          AfPacketNative.open(link.index(), frameSize, blockSize, rxSlots, txSlots, fanoutGroup);
    } catch (IOException e) {
      throw new PortException("afpacket port " + portName + ": " + e.getMessage(), e);
    }
    int maxFrameLength =
        Math.min(frameSize - AfPacketNative.TX_DATA_OFFSET, link.mtu() + ETHERNET_AND_TAG);
    return new AfPacketQueue(
        portName, link, (int) opened[0], opened[1], opened[2], opened[3], frameSize,
        maxFrameLength);
  }

  private static Link lookUp(String portName) throws PortException {
    try (RtNetlink netlink = RtNetlink.open()) {
      return netlink
          .link(portName)
          .orElseThrow(
              () -> new PortException("afpacket port " + portName + ": no such interface"));
    } catch (IllegalArgumentException | NetlinkException e) {
      throw new PortException("afpacket port " + portName + ": " + e.getMessage(), e);
    }
  }

  /** The slot size for a link of this MTU; see the class comment. */
  static int frameSizeFor(int mtu) {
    int needed = AfPacketNative.RX_MAC_OFFSET + mtu + ETHERNET_AND_TAG;
    int powerOfTwo = Integer.highestOneBit(needed - 1) << 1;
    return Math.min(MAX_FRAME_SIZE, Math.max(MIN_FRAME_SIZE, powerOfTwo));
  }

  private static void checkSlots(String what, int slots) {
    if (slots < 2 || slots > 65536 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException(
          what + " must be a power of two from 2 to 65536: " + slots);
    }
  }
}
