package io.outpost.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Debris of runs whose watchdog never ran — simulated here by writing it by hand — is removed by the next
 * {@link Lab#create}: the namespaces of a run whose owner is dead, with the processes inside, and lab namespaces that
 * have no registry at all.
 */
@Tag("lab")
class StaleRunSweepTest {

  @Test
  void createSweepsRunsOfDeadOwnersAndUnregisteredNamespaces() throws Exception {
    LabRegistry.Owner dead = new LabRegistry.Owner(deadPid(), 1);
    LabRegistry stale = LabRegistry.reserve(LabRegistry.DIRECTORY, dead);
    String staleNetns = Lab.NETNS_PREFIX + stale.runId() + "-x";
    String orphanNetns = Lab.NETNS_PREFIX + unregisteredRunId() + "-y";
    Process leftover = null;
    try {
      stale.addNamespace(staleNetns);
      KernelState.run("ip", "netns", "add", staleNetns);
      KernelState.run("ip", "netns", "add", orphanNetns);
      leftover = new ProcessBuilder("ip", "netns", "exec", staleNetns, "sleep", "600").start();
      Process inside = leftover;
      assertTrue(KernelState.eventually(Duration.ofSeconds(5),
          () -> KernelState.pidsIn(staleNetns).contains(inside.pid())));

      Lab.create("sweeper").close();

      List<String> namespaces = KernelState.namespaces();
      assertFalse(namespaces.contains(staleNetns), "the dead run's namespace survived: " + namespaces);
      assertFalse(namespaces.contains(orphanNetns), "the unregistered namespace survived: " + namespaces);
      assertTrue(leftover.waitFor(5, TimeUnit.SECONDS), "the process in the dead run's namespace survived");
      assertFalse(Files.exists(stale.file()), "the dead run's registry survived");
    } finally {
      if (leftover != null) {
        leftover.destroyForcibly();
      }
      KernelState.run("ip", "netns", "delete", staleNetns);
      KernelState.run("ip", "netns", "delete", orphanNetns);
      Files.deleteIfExists(stale.file());
    }
  }

  /** The PID of a process that has exited and been reaped. */
  private static long deadPid() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    return gone.pid();
  }

  private static String unregisteredRunId() {
    String runId;
    do {
      runId = LabRegistry.newRunId();
    } while (Files.exists(LabRegistry.DIRECTORY.resolve(runId)));
    return runId;
  }
}
