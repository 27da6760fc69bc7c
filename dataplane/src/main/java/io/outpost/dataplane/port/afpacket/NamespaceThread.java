package io.outpost.dataplane.port.afpacket;

import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/**
 * Runs one port-opening task inside another network namespace, on a fresh platform thread that
 * joins the namespace with setns(2) and then ends, so that the sockets it creates live there.
 *
 * <p>It owns that thread for the length of the task. setns moves only the calling thread, and a
 * thread that has moved is never reused, which is why this is not a pooled or virtual thread.
 * The kernel package has the same mechanism for netlink sockets (package-private there); this is
 * the afpacket driver's own copy so the two packages stay independent. setns, open and close go
 * through jnr-ffi, not the JNI library: they are off the per-packet path and not ring setup.
 */
final class NamespaceThread {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int CLONE_NEWNET = 0x40000000;

  /** A task that may fail with the driver's checked exception. */
  interface Task<T> {
    T run() throws Exception;
  }

  /** The libc calls; public because jnr-ffi implements it in a class loader of its own. */
  public interface Calls {
    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int namespaceType);

    @SaveError
    int close(int fd);
  }

  private NamespaceThread() {}

  /**
   * Joins the namespace named by {@code namespaceFile} ({@code /run/netns/NAME}, {@code
   * /proc/PID/ns/net}) on a new thread, runs {@code task} there and returns its result; its
   * exception is rethrown here. Waits for the thread even if interrupted, so that whatever the
   * task opened is never left unowned (the interrupt is kept).
   */
  static <T> T call(Path namespaceFile, Task<T> task) throws Exception {
    var outcome = new Object() {
      T value;
      Throwable failure;
    };
    Thread thread =
        Thread.ofPlatform()
            .name("afpacket-netns-" + namespaceFile.getFileName())
            .unstarted(
                () -> {
                  try {
                    enter(namespaceFile);
                    outcome.value = task.run();
                  } catch (Throwable e) {
                    outcome.failure = e;
                  }
                });
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (outcome.failure instanceof Exception e) {
      throw e;
    }
    if (outcome.failure instanceof Error e) {
      throw e;
    }
    return outcome.value;
  }

  private static void enter(Path namespaceFile) throws IOException {
    Calls libc = Loaded.LIBC;
    int fd = libc.open(namespaceFile.toString(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw new IOException("open " + namespaceFile + ": errno " + errno());
    }
    try {
      if (libc.setns(fd, CLONE_NEWNET) < 0) {
        throw new IOException("setns " + namespaceFile + ": errno " + errno());
      }
    } finally {
      libc.close(fd);
    }
  }

  private static int errno() {
    return LastError.getLastError(Runtime.getRuntime(Loaded.LIBC));
  }

  /** Holder idiom: binding libc is paid on first use only. */
  private static final class Loaded {
    private static final Calls LIBC = LibraryLoader.create(Calls.class).load("c");

    private Loaded() {}
  }
}
