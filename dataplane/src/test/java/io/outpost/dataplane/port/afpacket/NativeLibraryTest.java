package io.outpost.dataplane.port.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The build put liboutpost-afpacket where {@link NativeLibrary} looks for it, and it loads: the
 * tpacket2 layout the C side reports matches Java's ({@link AfPacketNative}'s initialiser checks
 * it) and a native call works. {@code NativeLibraryIT} does the same from the packaged jar.
 */
class NativeLibraryTest {

  @Test
  void theLibraryIsAClassPathResourceForThisMachine() {
    URL url = NativeLibrary.class.getResource(NativeLibrary.resourcePath());

    assertNotNull(url, NativeLibrary.resourcePath());
    String path = NativeLibrary.resourcePath();
    assertTrue(path.matches("/native/linux-(x86_64|aarch64)/liboutpost-afpacket\\.so"), path);
  }

  @Test
  void loadsAndItsLayoutMatchesJava() {
    int fd = AfPacketNative.eventfd();

    assertTrue(fd >= 0, "eventfd " + fd);
    assertEquals(0, AfPacketNative.signal(fd));
    assertEquals(1, AfPacketNative.poll(new int[0], 0, fd, 0));
    assertEquals(0, AfPacketNative.close(fd, 0, 0));
  }
}
