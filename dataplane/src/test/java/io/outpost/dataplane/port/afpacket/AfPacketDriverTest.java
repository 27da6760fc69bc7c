package io.outpost.dataplane.port.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AfPacketDriver}'s sizing and argument checks, which need no socket. */
class AfPacketDriverTest {

  @Test
  void slotsAreSizedFromTheMtu() {
    assertEquals(2048, AfPacketDriver.frameSizeFor(68));
    assertEquals(2048, AfPacketDriver.frameSizeFor(1500));
    assertEquals(4096, AfPacketDriver.frameSizeFor(1980), "70 + 1980 + 18 no longer fits 2048");
    assertEquals(16384, AfPacketDriver.frameSizeFor(9000));
    assertEquals(65536, AfPacketDriver.frameSizeFor(65535), "capped at 64 KiB");
  }

  @Test
  void refusesRingsThatAreNotAPowerOfTwo() {
    Optional<Path> here = Optional.empty();
    assertThrows(IllegalArgumentException.class, () -> new AfPacketDriver(1000, 1024, here));
    assertThrows(IllegalArgumentException.class, () -> new AfPacketDriver(1024, 1, here));
  }

  @Test
  void refusesAQueueOutsideItsCount() {
    AfPacketDriver driver = new AfPacketDriver();

    assertEquals("afpacket", driver.name());
    assertThrows(IllegalArgumentException.class, () -> driver.open("eth0", 2, 2));
    assertThrows(IllegalArgumentException.class, () -> driver.open("eth0", 0, 0));
  }
}
