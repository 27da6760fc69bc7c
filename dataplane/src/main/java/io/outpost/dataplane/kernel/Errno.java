package io.outpost.dataplane.kernel;

import java.util.Map;

/**
 * Symbolic names and descriptions of the Linux errno values that netlink and the socket calls
 * return, so that an error reads "File exists (EEXIST)" rather than "-17".
 *
 * <p>A table in Java rather than {@code strerror}/{@code strerrorname_np} through libc: the text
 * is the same everywhere (glibc's wording), building it needs no native call on an error path,
 * and the numbers are Linux's asm-generic values, shared by x86-64 and arm64. A value missing
 * from the table still round-trips: it is shown as "errno N".
 */
final class Errno {
  static final int ENOENT = 2;
  static final int ESRCH = 3;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EEXIST = 17;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int EBADMSG = 74;
  static final int EMSGSIZE = 90;
  static final int EADDRNOTAVAIL = 99;

  private record Entry(String name, String description) {}

  private static final Map<Integer, Entry> TABLE =
      Map.ofEntries(
          Map.entry(1, new Entry("EPERM", "Operation not permitted")),
          Map.entry(2, new Entry("ENOENT", "No such file or directory")),
          Map.entry(3, new Entry("ESRCH", "No such process")),
          Map.entry(4, new Entry("EINTR", "Interrupted system call")),
          Map.entry(5, new Entry("EIO", "Input/output error")),
          Map.entry(6, new Entry("ENXIO", "No such device or address")),
          Map.entry(7, new Entry("E2BIG", "Argument list too long")),
          Map.entry(9, new Entry("EBADF", "Bad file descriptor")),
          Map.entry(11, new Entry("EAGAIN", "Resource temporarily unavailable")),
          Map.entry(12, new Entry("ENOMEM", "Cannot allocate memory")),
          Map.entry(13, new Entry("EACCES", "Permission denied")),
          Map.entry(14, new Entry("EFAULT", "Bad address")),
          Map.entry(16, new Entry("EBUSY", "Device or resource busy")),
          Map.entry(17, new Entry("EEXIST", "File exists")),
          Map.entry(19, new Entry("ENODEV", "No such device")),
          Map.entry(20, new Entry("ENOTDIR", "Not a directory")),
          Map.entry(22, new Entry("EINVAL", "Invalid argument")),
          Map.entry(23, new Entry("ENFILE", "Too many open files in system")),
          Map.entry(24, new Entry("EMFILE", "Too many open files")),
          Map.entry(28, new Entry("ENOSPC", "No space left on device")),
          Map.entry(34, new Entry("ERANGE", "Numerical result out of range")),
          Map.entry(36, new Entry("ENAMETOOLONG", "File name too long")),
          Map.entry(38, new Entry("ENOSYS", "Function not implemented")),
          Map.entry(39, new Entry("ENOTEMPTY", "Directory not empty")),
          Map.entry(61, new Entry("ENODATA", "No data available")),
          Map.entry(71, new Entry("EPROTO", "Protocol error")),
          Map.entry(74, new Entry("EBADMSG", "Bad message")),
          Map.entry(90, new Entry("EMSGSIZE", "Message too long")),
          Map.entry(92, new Entry("ENOPROTOOPT", "Protocol not available")),
          Map.entry(93, new Entry("EPROTONOSUPPORT", "Protocol not supported")),
          Map.entry(95, new Entry("EOPNOTSUPP", "Operation not supported")),
          Map.entry(97, new Entry("EAFNOSUPPORT", "Address family not supported by protocol")),
          Map.entry(98, new Entry("EADDRINUSE", "Address already in use")),
          Map.entry(99, new Entry("EADDRNOTAVAIL", "Cannot assign requested address")),
          Map.entry(100, new Entry("ENETDOWN", "Network is down")),
          Map.entry(101, new Entry("ENETUNREACH", "Network is unreachable")),
          Map.entry(105, new Entry("ENOBUFS", "No buffer space available")),
          Map.entry(107, new Entry("ENOTCONN", "Transport endpoint is not connected")),
          Map.entry(110, new Entry("ETIMEDOUT", "Connection timed out")),
          Map.entry(114, new Entry("EALREADY", "Operation already in progress")),
          Map.entry(115, new Entry("EINPROGRESS", "Operation now in progress")));

  private Errno() {}

  /** The symbolic name, e.g. "EEXIST", or "errno N" for a value not in the table. */
  static String name(int errno) {
    Entry entry = TABLE.get(errno);
    return entry == null ? "errno " + errno : entry.name();
  }

  /** "File exists (EEXIST)", or "errno N" for a value not in the table. */
  static String describe(int errno) {
    Entry entry = TABLE.get(errno);
    return entry == null ? "errno " + errno : entry.description() + " (" + entry.name() + ")";
  }
}
