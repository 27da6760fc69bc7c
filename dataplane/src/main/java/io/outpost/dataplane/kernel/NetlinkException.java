package io.outpost.dataplane.kernel;

/**
 * A netlink request the kernel refused, a socket call that failed, or a reply that could not be
 * read, with the errno that says which.
 *
 * <p>The message names the request and the errno symbolically, e.g. "RTM_NEWADDR ifindex 3
 * 192.0.2.1/24: File exists (EEXIST)", followed by the kernel's own explanation when it gave one
 * (netlink extended ack), e.g. "..., kernel says: mtu greater than device maximum". Callers
 * branch on {@link #errno()}; the text is for people. Unchecked, because a control-plane caller
 * can rarely do more than report it, and every method of {@link RtNetlink} may throw it.
 */
public final class NetlinkException extends RuntimeException {
  private final int errno;
  private final String kernelMessage;

  /**
   * @param what the request or call that failed, e.g. "RTM_NEWADDR ifindex 3 192.0.2.1/24", or
   *     what was wrong with a reply
   */
  NetlinkException(String what, int errno, String kernelMessage) {
    super(
        what
            + ": "
            + Errno.describe(errno)
            + (kernelMessage.isEmpty() ? "" : ", kernel says: " + kernelMessage));
    this.errno = errno;
    this.kernelMessage = kernelMessage;
  }

  NetlinkException(String what, int errno) {
    this(what, errno, "");
  }

  /** The positive errno value, e.g. 17 for EEXIST. */
  public int errno() {
    return errno;
  }

  /** The symbolic errno name, e.g. "EEXIST", or "errno N" for a value without a name here. */
  public String errnoName() {
    return Errno.name(errno);
  }

  /** The kernel's extended-ack text explaining the refusal, or "" if it gave none. */
  public String kernelMessage() {
    return kernelMessage;
  }
}
