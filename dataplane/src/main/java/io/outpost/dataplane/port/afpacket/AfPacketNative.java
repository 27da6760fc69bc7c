package io.outpost.dataplane.port.afpacket;

import java.io.IOException;
import java.util.Arrays;

/**
 * The native methods of liboutpost-afpacket ({@code src/main/c/afpacket.c}), and the layout of
 * the kernel's TPACKET_V2 frame header that Java reads in place.
 *
 * <p>It owns nothing: descriptors and mappings belong to whoever asked for them ({@link
 * AfPacketQueue}, {@link IdleWaiter}). Only setup, the transmit kick, the idle wait and teardown
 * cross into C; frames and their status words are read and written from Java. The library loads
 * with this class ({@link NativeLibrary}), and the header offsets below are checked against the
 * C headers then, so a mismatch fails at load instead of corrupting frames.
 */
final class AfPacketNative {
  /** {@code struct tpacket2_hdr} field offsets (linux/if_packet.h). */
  static final int TP_STATUS = 0;
  static final int TP_LEN = 4;
  static final int TP_SNAPLEN = 8;
  static final int TP_MAC = 12;
  static final int TP_VLAN_TCI = 24;
  static final int TP_VLAN_TPID = 26;
  /** Where a transmitted frame starts in its slot: TPACKET2_HDRLEN - sizeof(sockaddr_ll). */
  static final int TX_DATA_OFFSET = 32;
  /** PACKET_RESERVE: bytes kept free before tp_mac, room to put back one VLAN tag. */
  static final int RX_RESERVE = 4;
  /**
   * Where the kernel puts a received Ethernet header in its slot: TPACKET_ALIGN(TPACKET2_HDRLEN
   * + 16) + reserve - 14. Only used to size slots; each frame's own tp_mac is what counts.
   */
  static final int RX_MAC_OFFSET = 80 + RX_RESERVE - 14;

  static final int TP_STATUS_KERNEL = 0;
  static final int TP_STATUS_USER = 1;
  static final int TP_STATUS_COPY = 1 << 1;
  static final int TP_STATUS_VLAN_VALID = 1 << 4;
  static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
  static final int TP_STATUS_AVAILABLE = 0;
  static final int TP_STATUS_SEND_REQUEST = 1;
  static final int TP_STATUS_WRONG_FORMAT = 1 << 2;

  static final int EAGAIN = 11;
  static final int EINVAL = 22;
  static final int EMSGSIZE = 90;

  static {
    NativeLibrary.load();
    int[] expected = {32, TP_LEN, TP_SNAPLEN, TP_MAC, TP_VLAN_TCI, TP_VLAN_TPID, TX_DATA_OFFSET,
        RX_RESERVE};
    int[] actual = layout();
    if (!Arrays.equals(expected, actual)) {
      throw new ExceptionInInitializerError(
          "liboutpost-afpacket was built against other kernel headers: tpacket2 layout "
              + Arrays.toString(actual) + ", Java expects " + Arrays.toString(expected));
    }
  }

  private AfPacketNative() {}

  /**
   * Opens an AF_PACKET socket bound to {@code ifindex} with a receive and a transmit ring of
   * {@code frameSize}-byte slots in {@code blockSize}-byte blocks, promiscuous, and joined to
   * fanout group {@code fanoutGroup} when that is not negative.
   *
   * @return {@code {fd, ring address, rx ring bytes, tx ring bytes}}; the TX ring follows the RX
   *     ring in the one mapping
   * @throws IOException naming the call that failed and its errno
   */
  static native long[] open(
      int ifindex, int frameSize, int blockSize, int rxFrames, int txFrames, int fanoutGroup)
      throws IOException;

  /** One sendto() for every TX slot marked SEND_REQUEST; bytes sent, or -errno. */
  static native int send(int fd);

  /** Receive-ring drops since the last call (PACKET_STATISTICS resets on read), or -errno. */
  static native long kernelDrops(int fd);

  /**
   * Waits until one of {@code fds[0..count)} is readable, {@code wakeupFd} (if not negative) is
   * signalled, or {@code timeoutMillis} pass (-1: no limit). Drains the eventfd and clears
   * socket errors (ENETDOWN) so the next wait blocks again.
   *
   * @return descriptors ready, 0 on timeout or interruption, or -errno
   */
  static native int poll(int[] fds, int count, int wakeupFd, int timeoutMillis);

  /** A non-blocking eventfd, or -errno. */
  static native int eventfd();

  /** Adds one to an eventfd's counter, waking its waiter; 0 or -errno. */
  static native int signal(int fd);

  /** munmap(address, length) when address is not 0, then close(fd); 0 or -errno. */
  static native int close(int fd, long address, long length);

  /** The tpacket2 layout from the C headers, in the order checked by the static initialiser. */
  private static native int[] layout();
}
