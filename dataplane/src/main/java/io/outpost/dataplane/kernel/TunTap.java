package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Creates TAP devices: {@code open("/dev/net/tun")} and {@code ioctl(TUNSETIFF)} through
 * jnr-ffi. The device lives as long as its file descriptor; closing it (or the process ending)
 * removes it, so a crash never leaves a stale mirror behind.
 */
public final class TunTap {
  private static final long TUNSETIFF = 0x4004_54caL;
  private static final short IFF_TAP = 0x0002;
  private static final short IFF_NO_PI = 0x1000;
  private static final int IFREQ_SIZE = 40;
  /** IFNAMSIZ less the terminating NUL. */
  public static final int MAX_NAME = 15;

  private TunTap() {}

  /**
   * Creates TAP device {@code name} (no packet-information header) and returns its file
   * descriptor, opened non-blocking.
   *
   * @throws NetlinkException when the kernel refuses (the name is taken, no /dev/net/tun)
   */
  public static int open(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length == 0 || bytes.length > MAX_NAME) {
      throw new IllegalArgumentException("TAP name must be 1.." + MAX_NAME + " bytes: " + name);
    }
    LibC.Calls libc = LibC.instance();
    int fd = libc.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw new NetlinkException("open /dev/net/tun", LibC.errno());
    }
    ByteBuffer ifreq = ByteBuffer.allocateDirect(IFREQ_SIZE).order(ByteOrder.nativeOrder());
    ifreq.put(0, bytes); // absolute: jnr-ffi passes a buffer from its position
    ifreq.putShort(16, (short) (IFF_TAP | IFF_NO_PI));
    if (libc.ioctl(fd, TUNSETIFF, ifreq) < 0) {
      int errno = LibC.errno();
      libc.close(fd);
      throw new NetlinkException("TUNSETIFF " + name, errno);
    }
    return fd;
  }

  /** Closes a descriptor from {@link #open}, which removes the device. */
  public static void close(int fd) {
    LibC.instance().close(fd);
  }
}
