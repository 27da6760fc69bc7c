package io.outpost.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * A lab's directory for logs and scratch files, {@code <java.io.tmpdir>/outpost-lab-<runId>-<label>}: it owns the
 * directory's creation, the choice of a log file name for each spawned process, and the deletion of the whole tree.
 *
 * <p>The directory name always starts with {@value #PREFIX}, and {@link #deleteTree} refuses any other: teardown
 * code that runs from a registry file (a sweep, the watchdog) can then never remove a directory it did not create.
 */
final class WorkDirectory {

  static final String PREFIX = "outpost-lab-";

  private final Path path;
  private final Set<String> logNames = new HashSet<>();

  private WorkDirectory(Path path) {
    this.path = path;
  }

  static WorkDirectory create(String runId, String label) {
    Path path = Path.of(System.getProperty("java.io.tmpdir"), PREFIX + runId + "-" + label);
    try {
      return new WorkDirectory(Files.createDirectory(path));
    } catch (IOException e) {
      throw new LabException("cannot create the lab work directory " + path, e);
    }
  }

  Path path() {
    return path;
  }

  /**
   * A fresh log file path for a process {@code name} on {@code host}: {@code <host>-<name>.log}, or
   * {@code <host>-<name>-2.log} and so on when a process of that name was spawned before, so a restarted daemon
   * never appends to — and never matches a line of — its predecessor's log.
   */
  synchronized Path newLog(String host, String name) {
    String base = host + "-" + name;
    String candidate = base;
    for (int n = 2; !logNames.add(candidate); n++) {
      candidate = base + "-" + n;
    }
    return path.resolve(candidate + ".log");
  }

  /** Deletes a lab work directory and everything in it; a directory that is already gone is fine. */
  static void deleteTree(Path directory) {
    if (!directory.getFileName().toString().startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a lab work directory: " + directory);
    }
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      // Already gone: another teardown got there first.
    } catch (IOException e) {
      throw new LabException("cannot delete the lab work directory " + directory, e);
    }
  }
}
