package io.outpost.controlplane.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The daemon's state directory, held with an exclusive lock for the daemon's lifetime so that
 * two daemons can never write the same configuration. The lock file also names the holder's PID
 * for whoever finds it locked.
 */
final class StateDirectory implements AutoCloseable {
  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StateDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates (mode 0750) and locks the directory, or says who holds it. */
  static StateDirectory open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
    }
    Path lockFile = dir.resolve("outpostd.lock");
    FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock = ch.tryLock();
    if (lock == null) {
      String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
      ch.close();
      throw new IOException("another outpostd (pid " + (holder.isEmpty() ? "unknown" : holder)
          + ") is using the state directory " + dir);
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    ch.force(true);
    return new StateDirectory(dir, ch, lock);
  }

  Path path() {
    return dir;
  }

  Path configDir() {
    return dir.resolve("config");
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
  }
}
