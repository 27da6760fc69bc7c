package io.outpost.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what earlier lab runs left behind when neither their {@code close()} nor their watchdog got to tear them
 * down: the watchdog was killed too, the machine lost power but kept {@code /run/netns}, a run predates the watchdog.
 *
 * <p>It touches only two kinds of leftovers, neither of which a live run can own:
 * <ul>
 *   <li>runs whose registered owner JVM is dead (PID gone, or reused by a process with another start time);</li>
 *   <li>{@code olab-<runId>-*} namespaces with no registry file for their run id: a live run writes its registry
 *       before it creates its first namespace and deletes it only after its last.</li>
 * </ul>
 * Processes of a stale run are found through its namespaces, never through its recorded process groups: by now those
 * group ids may belong to anyone.
 */
final class StaleLabSweeper {

  private static final System.Logger LOG = System.getLogger(StaleLabSweeper.class.getName());

  /** Stale processes had their chance long ago; a short grace only lets well-behaved daemons clean up. */
  private static final Duration GRACE = Duration.ofMillis(500);

  /** A registry draft older than this was abandoned by a dead writer: drafts live for microseconds. */
  private static final Duration DRAFT_AGE = Duration.ofMinutes(1);

  private final Path registryDirectory;
  private final NetworkNamespaces namespaces;

  StaleLabSweeper(Path registryDirectory, NetworkNamespaces namespaces) {
    this.registryDirectory = registryDirectory;
    this.namespaces = namespaces;
  }

  /**
   * Sweeps once. A leftover that cannot be removed is logged, not thrown: old debris must not stop a new lab.
   *
   * @return the namespaces it deleted
   */
  List<String> sweep() {
    List<String> removed = new ArrayList<>();
    for (Path file : registryFiles()) {
      sweepRun(file, removed);
    }
    for (String name : NetworkNamespaces.list()) {
      String runId = Lab.runIdOf(name);
      if (runId != null && !Files.exists(registryDirectory.resolve(runId))) {
        destroy(name, removed);
      }
    }
    deleteAbandonedDrafts();
    return removed;
  }

  private void sweepRun(Path file, List<String> removed) {
    LabRegistry run;
    try {
      run = LabRegistry.read(file);
    } catch (IOException | RuntimeException e) {
      // Gone meanwhile (its owner closed it), or not ours to judge.
      return;
    }
    if (run.owner().isAlive()) {
      return;
    }
    LOG.log(System.Logger.Level.INFO, "sweeping lab run {0} of dead JVM {1}", run.runId(), run.owner().pid());
    run.namespaces().forEach(name -> destroy(name, removed));
    try {
      run.workDir().ifPresent(WorkDirectory::deleteTree);
      run.delete();
    } catch (LabException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot finish sweeping lab run " + run.runId(), e);
    }
  }

  private void destroy(String name, List<String> removed) {
    try {
      namespaces.destroy(name, GRACE);
      removed.add(name);
    } catch (LabException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove stale lab namespace " + name, e);
    }
  }

  private List<Path> registryFiles() {
    if (!Files.isDirectory(registryDirectory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(registryDirectory)) {
      return entries.filter(entry -> LabRegistry.isRunId(entry.getFileName().toString())).toList();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot list " + registryDirectory, e);
      return List.of();
    }
  }

  private void deleteAbandonedDrafts() {
    if (!Files.isDirectory(registryDirectory)) {
      return;
    }
    FileTime cutoff = FileTime.from(Instant.now().minus(DRAFT_AGE));
    try (Stream<Path> entries = Files.list(registryDirectory)) {
      for (Path draft : entries.filter(entry -> entry.getFileName().toString().endsWith(".tmp")).toList()) {
        if (Files.getLastModifiedTime(draft).compareTo(cutoff) < 0) {
          Files.deleteIfExists(draft);
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot clean drafts in " + registryDirectory, e);
    }
  }
}
