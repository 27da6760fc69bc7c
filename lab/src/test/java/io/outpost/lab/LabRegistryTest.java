package io.outpost.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry file format and the owner check, in a temporary directory; needs no root. */
class LabRegistryTest {

  @TempDir
  Path directory;

  @Test
  void whatIsRecordedReadsBack() throws IOException {
    LabRegistry.Owner owner = LabRegistry.Owner.current();
    LabRegistry written = LabRegistry.reserve(directory, owner);
    written.setWorkDir(Path.of("/tmp/outpost-lab-" + written.runId() + "-x y"));
    written.addNamespace("olab-" + written.runId() + "-h1");
    written.addNamespace("olab-" + written.runId() + "-h2");
    written.addProcessGroup(4711);
    written.addProcessGroup(4712);
    written.removeProcessGroup(4711);
    written.removeNamespace("olab-" + written.runId() + "-h1");

    LabRegistry read = LabRegistry.read(written.file());
    assertEquals(written.runId(), read.runId());
    assertEquals(owner, read.owner());
    assertEquals(Optional.of(Path.of("/tmp/outpost-lab-" + written.runId() + "-x y")), read.workDir());
    assertEquals(List.of("olab-" + written.runId() + "-h2"), read.namespaces());
    assertEquals(List.of(4712L), read.processGroups());
  }

  @Test
  void updatesLeaveNoDraftsAndDeletionIsFinal() throws IOException {
    LabRegistry registry = LabRegistry.reserve(directory, LabRegistry.Owner.current());
    registry.addNamespace("olab-" + registry.runId() + "-a");
    registry.delete();
    registry.addProcessGroup(99);
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void runIdsAreReservedOnce() {
    LabRegistry first = LabRegistry.reserve(directory, LabRegistry.Owner.current());
    LabRegistry second = LabRegistry.reserve(directory, LabRegistry.Owner.current());
    assertNotEquals(first.runId(), second.runId());
    assertTrue(LabRegistry.isRunId(first.runId()), first.runId());
  }

  @Test
  void ownerIsAliveOnlyWithTheSamePidAndStartTime() throws Exception {
    LabRegistry.Owner self = LabRegistry.Owner.current();
    assertTrue(self.isAlive());
    assertFalse(new LabRegistry.Owner(self.pid(), self.startMillis() - 60_000).isAlive(), "a reused PID");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    assertFalse(new LabRegistry.Owner(gone.pid(), 0).isAlive(), "an exited process");
  }

  @Test
  void foreignFilesAreRejected() throws IOException {
    Path notOurs = Files.writeString(directory.resolve("abc123"), "hello world\n");
    assertThrows(IOException.class, () -> LabRegistry.read(notOurs));
  }

  @Test
  void namespaceNamesYieldTheirRunId() {
    assertEquals("k3x9q2", Lab.runIdOf("olab-k3x9q2-h1"));
    assertEquals(null, Lab.runIdOf("olab-k3x9q2"));
    assertEquals(null, Lab.runIdOf("olab-K3X9Q2-h1"));
    assertEquals(null, Lab.runIdOf("blue"));
  }
}
