package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * setsockopt(2) of an int option, through jnr-ffi: for drivers' sockets when an option changes
 * outside the per-packet path (a capture turning PACKET_QDISC_BYPASS off), so that the JNI
 * library stays the per-packet path alone.
 */
public final class SocketOptions {
  private SocketOptions() {}

  /**
   * Sets {@code option} at {@code level} on {@code fd} to {@code value}.
   *
   * @throws NetlinkException naming the call and the errno when the kernel refuses
   */
  public static void setInt(int fd, int level, int option, int value) {
    ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, value);
    if (LibC.instance().setsockopt(fd, level, option, v, 4) < 0) {
      throw new NetlinkException("setsockopt(fd " + fd + ", level " + level + ", option "
          + option + ", " + value + ")", LibC.errno());
    }
  }
}
