package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.socklen_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls that the kernel clients in this package make, bound through jnr-ffi, with the
 * Linux constants that go with them.
 *
 * <p>It owns only the binding; whoever gets a descriptor from it owns and closes that descriptor.
 * jnr-ffi rather than JNI because these calls are off the per-packet path: there is no C to build,
 * and what a call through jnr-ffi costs is small next to the netlink round trip it serves.
 * Every call saves errno ({@link SaveError}); read it with {@link #errno()} on the same thread
 * straight after the call that failed.
 *
 * <p>The constant values are Linux's, checked against glibc's and the UAPI headers; they are the
 * same on x86-64 and arm64.
 */
final class LibC {
  static final int AF_NETLINK = 16;
  static final int SOCK_RAW = 3;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int NETLINK_ROUTE = 0;

  static final int SOL_SOCKET = 1;
  /** Takes a {@code struct timeval}: two longs, seconds and microseconds (64-bit ABI). */
  static final int SO_RCVTIMEO = 20;
  static final int SOL_NETLINK = 270;
  /** Acks carry only the request's header, not its whole payload back. */
  static final int NETLINK_CAP_ACK = 10;
  /** Errors carry the kernel's explanation ("mtu greater than device maximum"). */
  static final int NETLINK_EXT_ACK = 11;

  static final int MSG_PEEK = 0x2;
  static final int MSG_TRUNC = 0x20;

  static final int O_RDONLY = 0;
  static final int O_RDWR = 2;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;
  static final int CLONE_NEWNET = 0x40000000;

  /** The size of {@code struct sockaddr_nl}: family, pad, port id, multicast groups. */
  static final int SOCKADDR_NL_SIZE = 12;

  private LibC() {}

  /**
   * The functions. Declared public because jnr-ffi implements this interface in a class loader of
   * its own, which may only implement a public interface; the enclosing class keeps it out of
   * reach of other packages all the same.
   */
  public interface Calls {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In ByteBuffer address, @socklen_t int addressLength);

    @SaveError
    int setsockopt(
        int fd, int level, int option, @In ByteBuffer value, @socklen_t int valueLength);

    @SaveError
    @ssize_t
    long sendto(
        int fd,
        @In ByteBuffer message,
        @size_t long length,
        int flags,
        @In ByteBuffer address,
        @socklen_t int addressLength);

    @SaveError
    @ssize_t
    long recv(int fd, @Out ByteBuffer buffer, @size_t long length, int flags);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int namespaceType);

    @SaveError
    int close(int fd);

    @SaveError
    int ioctl(int fd, long request, @In @Out ByteBuffer argument);
  }

  /** The process's libc, loaded on first use. */
  static Calls instance() {
    return Loaded.LIBC;
  }

  /** errno as saved by the last call made through {@link #instance()} on this thread. */
  static int errno() {
    return LastError.getLastError(Runtime.getRuntime(Loaded.LIBC));
  }

  /** Holder idiom: loading libc costs a few milliseconds of code generation, paid on first use. */
  private static final class Loaded {
    private static final Calls LIBC = LibraryLoader.create(Calls.class).load("c");

    private Loaded() {}
  }
}
