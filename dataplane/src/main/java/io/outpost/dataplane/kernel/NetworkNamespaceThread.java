package io.outpost.dataplane.kernel;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs one short task inside another network namespace, on a platform thread of its own that
 * joins the namespace and then ends.
 *
 * <p>Network namespaces belong to threads, not processes: setns(2) moves only the calling thread,
 * so the JVM's other threads stay where they are. A thread that has moved is never reused (it
 * ends with the task), which is why this is a fresh platform thread and not a pooled or virtual
 * one whose carrier would carry the namespace into unrelated work. What the task creates keeps its
 * namespace after the thread ends: a socket stays in the namespace it was created in.
 */
public final class NetworkNamespaceThread {
  private NetworkNamespaceThread() {}

  /**
   * Opens {@code namespaceFile} (for example {@code /run/netns/NAME} or {@code
   * /proc/PID/ns/net}), joins that network namespace on a new thread and returns what {@code task}
   * returns there. Exceptions of the task are rethrown on the calling thread.
   */
  public static <T> T call(Path namespaceFile, Supplier<T> task) {
    var outcome = new Object() {
      T value;
      Throwable failure;
    };
    Thread thread =
        Thread.ofPlatform()
            .name("netns-" + namespaceFile.getFileName())
            .unstarted(
                () -> {
                  try {
                    enter(namespaceFile);
                    outcome.value = task.get();
                  } catch (RuntimeException | Error e) {
                    outcome.failure = e;
                  }
                });
    thread.start();
    joinUninterruptibly(thread);
    if (outcome.failure != null) {
      // The failure's own trace shows the namespace thread; this adds the caller's.
      outcome.failure.addSuppressed(new Exception("rethrown in " + Thread.currentThread()));
      if (outcome.failure instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) outcome.failure;
    }
    return outcome.value;
  }

  private static void enter(Path namespaceFile) {
    LibC.Calls libc = LibC.instance();
    int fd = libc.open(namespaceFile.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw new NetlinkException("open " + namespaceFile, LibC.errno());
    }
    try {
      if (libc.setns(fd, LibC.CLONE_NEWNET) < 0) {
        throw new NetlinkException("setns " + namespaceFile + " (CLONE_NEWNET)", LibC.errno());
      }
    } finally {
      libc.close(fd);
    }
  }

  /**
   * Waits for the thread even if interrupted, so that whatever the task created (a socket) is
   * never left behind unowned; the task is a handful of system calls. The interrupt is kept.
   */
  private static void joinUninterruptibly(Thread thread) {
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
  }
}
