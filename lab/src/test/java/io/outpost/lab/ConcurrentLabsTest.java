package io.outpost.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two labs at once, with the same host names, interface names and addresses: separate names, separate fates. */
@Tag("lab")
class ConcurrentLabsTest {

  @Test
  void twoLabsGetDistinctNamesAndDoNotDisturbEachOther() {
    try (Lab first = Lab.create("first")) {
      // Not in the try-with-resources: the test closes it in the middle; the finally is for a failure before.
      Lab second = Lab.create("second");
      try {
        Host[] a = pair(first);
        Host[] b = pair(second);

        assertNotEquals(first.runId(), second.runId());
        assertNotEquals(first.workDir(), second.workDir());
        assertNotEquals(a[0].netns(), b[0].netns());
        assertTrue(a[0].exec("ping", "-c", "1", "-W", "2", "192.0.2.2").ok());
        assertTrue(b[0].exec("ping", "-c", "1", "-W", "2", "192.0.2.2").ok());

        LabProcess survivor = a[1].spawn("survivor", "sleep", "600");
        LabProcess doomed = b[1].spawn("doomed", "sleep", "600");
        second.close();

        List<String> namespaces = KernelState.namespaces();
        assertTrue(namespaces.contains(a[0].netns()) && namespaces.contains(a[1].netns()),
            namespaces.toString());
        assertTrue(!namespaces.contains(b[0].netns()) && !namespaces.contains(b[1].netns()),
            namespaces.toString());
        assertTrue(survivor.isAlive(), "closing one lab stopped a process of the other");
        assertEquals(128 + 15, doomed.waitFor(Duration.ofSeconds(1)));
        ExecResult ping = a[0].exec("ping", "-c", "1", "-W", "2", "192.0.2.2");
        assertTrue(ping.ok(), ping.toString());
      } finally {
        second.close();
      }
    }
  }

  /** Two hosts "a" and "b" on one link, 192.0.2.1 and 192.0.2.2. */
  private static Host[] pair(Lab lab) {
    Host a = lab.host("a");
    Host b = lab.host("b");
    lab.link(a, "eth0", b, "eth0");
    a.address("eth0", "192.0.2.1/24");
    b.address("eth0", "192.0.2.2/24");
    return new Host[] {a, b};
  }
}
