package io.outpost.dataplane.port.afpacket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads liboutpost-afpacket, which the build compiles into the jar at {@link #resourcePath()}:
 * copies it out to a temporary file, {@link System#load}s it, and deletes the file.
 *
 * <p>It owns the one-time load for the JVM. The copy is needed because the dynamic linker loads
 * only files; the file is deleted straight after loading (the mapping stays valid), so nothing
 * is left in the temporary directory even after a crash. Where that directory is mounted
 * {@code noexec}, set {@code -Doutpost.native.dir=} to a directory that is not.
 */
final class NativeLibrary {
  static final String NAME = "outpost-afpacket";

  private static boolean loaded;

  private NativeLibrary() {}

  /** The library's path in the jar: {@code /native/linux-ARCH/liboutpost-afpacket.so}. */
  static String resourcePath() {
    return "/native/linux-" + arch() + "/lib" + NAME + ".so";
  }

  /**
   * Loads the library once per JVM; later calls do nothing. System.load is restricted: the JVM
   * warns unless started with {@code --enable-native-access=ALL-UNNAMED}, as bin/outpost does.
   */
  @SuppressWarnings("restricted")
  static synchronized void load() {
    if (loaded) {
      return;
    }
    String resource = resourcePath();
    try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            resource + " is not on the class path: this build of outpost-dataplane has no "
                + "AF_PACKET driver for " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
      }
      String dir = System.getProperty("outpost.native.dir", System.getProperty("java.io.tmpdir"));
      Path file = Files.createTempFile(Path.of(dir), "lib" + NAME + "-", ".so");
      try {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        System.load(file.toAbsolutePath().toString());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      var error = new UnsatisfiedLinkError("cannot extract " + resource + ": " + e);
      error.initCause(e);
      throw error;
    }
    loaded = true;
  }

  /** The machine name as {@code uname -m} says it, which the build uses for the directory. */
  private static String arch() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
  }
}
