package io.outpost.dataplane.port.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar carries liboutpost-afpacket and the driver loads it from there. Failsafe runs
 * this after the package phase with the jar, not target/classes, on the class path.
 */
class NativeLibraryIT {

  @Test
  void loadsTheLibraryFromThePackagedJar() {
    URL url = NativeLibrary.class.getResource(NativeLibrary.resourcePath());

    assertNotNull(url, NativeLibrary.resourcePath() + " is not in the jar");
    assertEquals("jar", url.getProtocol(), url.toString());
    assertTrue(url.getPath().contains("/outpost-dataplane-"), url.toString());
    int fd = AfPacketNative.eventfd();
    assertTrue(fd >= 0, "eventfd " + fd);
    assertEquals(0, AfPacketNative.close(fd, 0, 0));
  }
}
