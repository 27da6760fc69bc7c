package io.outpost.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that owns a lab dies by SIGKILL — no finally block, no shutdown hook — and its watchdog must still remove
 * the lab's processes, namespaces, work directory and registry. On the way, a second lab created meanwhile must leave
 * the still-live run alone.
 */
@Tag("lab")
class OwnerCrashTest {

  private static final Duration CLEANUP_DEADLINE = Duration.ofSeconds(5);

  @Test
  void sigkilledOwnerLeavesNothingBehind(@TempDir Path temp) throws Exception {
    Path childErrors = temp.resolve("child.stderr");
    Process child = new ProcessBuilder(
        ProcessHandle.current().info().command().orElseThrow(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"),
        LabOwnerMain.class.getName())
        .redirectError(childErrors.toFile())
        .start();
    OwnedByChild owned;
    try {
      owned = readReport(child, childErrors);

      // A live concurrent run: our own Lab.create sweeps, and must not touch it.
      try (Lab bystander = Lab.create("bystander")) {
        assertNotEquals(owned.runId(), bystander.runId());
        assertTrue(KernelState.namespaces().containsAll(owned.netns()), "the sweep removed a live run");
        assertTrue(KernelState.isRunning(owned.sleeperPid()), "the sweep killed a live run's process");
      }

      child.destroyForcibly();
      assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child JVM survived SIGKILL");

      assertTrue(KernelState.eventually(CLEANUP_DEADLINE,
              () -> KernelState.namespaces().stream().noneMatch(owned.netns()::contains)),
          "namespaces left behind: " + KernelState.namespaces());
      assertTrue(KernelState.eventually(CLEANUP_DEADLINE, () -> !KernelState.isRunning(owned.sleeperPid())),
          "the spawned sleep " + owned.sleeperPid() + " still runs");
      assertTrue(KernelState.eventually(CLEANUP_DEADLINE,
              () -> !Files.exists(LabRegistry.DIRECTORY.resolve(owned.runId()))),
          "registry left behind");
      if (!"1".equals(System.getenv("OUTPOST_LAB_KEEP"))) {
        assertFalse(Files.exists(owned.workDir()), "work directory left behind: " + owned.workDir());
      }
    } finally {
      child.destroyForcibly();
    }
  }

  /** What the child reported owning. */
  private record OwnedByChild(List<String> netns, long sleeperPid, String runId, Path workDir) {
  }

  private static OwnedByChild readReport(Process child, Path childErrors) throws Exception {
    CompletableFuture<OwnedByChild> report = CompletableFuture.supplyAsync(() -> parseReport(child));
    try {
      return report.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError("the child JVM did not report its lab; its stderr:\n"
          + Files.readString(childErrors), e);
    }
  }

  private static OwnedByChild parseReport(Process child) {
    BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    List<String> netns = new ArrayList<>();
    long pid = -1;
    String runId = null;
    Path workDir = null;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] keyValue = line.split(" ", 2);
        switch (keyValue[0]) {
          case "netns" -> netns.add(keyValue[1]);
          case "pid" -> pid = Long.parseLong(keyValue[1]);
          case "runid" -> runId = keyValue[1];
          case "workdir" -> workDir = Path.of(keyValue[1]);
          case "ready" -> {
            return new OwnedByChild(List.copyOf(netns), pid, runId, workDir);
          }
          default -> throw new IllegalStateException("unexpected line from the child: " + line);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("the child JVM ended its output before it was ready");
  }
}
