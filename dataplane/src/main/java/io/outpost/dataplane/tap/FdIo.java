package io.outpost.dataplane.tap;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code read}, {@code write} and {@code poll} on a file descriptor with native memory passed
 * as a raw address, through the JDK's foreign-function linker: no JNI, no object per call, so
 * a worker can punt a frame straight out of its receive ring.
 */
final class FdIo {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle WRITE = handle("write",
      FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_LONG));
  private static final MethodHandle READ = handle("read",
      FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_LONG));
  private static final MethodHandle POLL = handle("poll",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_INT));

  private FdIo() {}

  private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
  }

  /** write(2): bytes written, or -1 (errno not kept: callers count failures, never retry). */
  static long write(int fd, long address, long length) {
    try {
      return (long) WRITE.invokeExact(fd, address, length);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  static long read(int fd, long address, long length) {
    try {
      return (long) READ.invokeExact(fd, address, length);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** poll(2) on an array of {@code struct pollfd} at {@code address}. */
  static int poll(long address, long count, int timeoutMillis) {
    try {
      return (int) POLL.invokeExact(address, count, timeoutMillis);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }
}
