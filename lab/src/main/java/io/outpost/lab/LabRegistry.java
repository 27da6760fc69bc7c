package io.outpost.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The on-disk record of what one lab run owns, so that something other than the owning JVM can tear it down: the
 * watchdog script when the JVM dies, or a later run's sweep when even the watchdog did not get to run.
 *
 * <p>One file per run, named by the run id, of lines {@code <kind> <value>}:
 * <pre>
 * owner 4711 1764031200000    the owning JVM: PID and start time in epoch milliseconds (PIDs are reused)
 * workdir /tmp/outpost-lab-…  a directory to delete at teardown (absent when the user asked to keep it)
 * netns olab-k3x9q2-h1        a network namespace of the run
 * pgid 4802                   the process group of a spawned process that has not exited yet
 * </pre>
 * Every update replaces the whole file with one rename, so a reader — the watchdog is a shell script — never sees half
 * a file. The lab records a namespace before it creates it and forgets it only after deleting it, so a crash at any
 * moment leaves nothing unrecorded. Creating the file with link(2) is what reserves the run id: it fails if another run
 * holds the id, and the file appears complete.
 */
final class LabRegistry {

  /** Where runs register; {@code /run} is the place for state that must not outlive the machine's uptime. */
  static final Path DIRECTORY = Path.of("/run/outpost-lab");

  /** Six base-36 characters: two billion ids, and short enough to keep namespace names readable. */
  private static final Pattern RUN_ID = Pattern.compile("[0-9a-z]{6}");
  private static final String RUN_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The JVM that owns a run, identified by PID and start time so that a reused PID is not taken for the owner. */
  record Owner(long pid, long startMillis) {

    static Owner current() {
      ProcessHandle self = ProcessHandle.current();
      return new Owner(self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** Whether the owner still runs. When in doubt it answers yes: a sweep must never touch a live run. */
    boolean isAlive() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .map(handle -> handle.info().startInstant()
              .map(start -> start.toEpochMilli() == startMillis)
              .orElse(true))
          .orElse(false);
    }
  }

  private final Path file;
  private final String runId;
  private final Owner owner;
  private final Set<String> namespaces = new LinkedHashSet<>();
  private final Set<Long> processGroups = new LinkedHashSet<>();
  private Path workDir;
  private boolean deleted;

  private LabRegistry(Path file, String runId, Owner owner) {
    this.file = file;
    this.runId = runId;
    this.owner = owner;
  }

  /** Reserves a fresh run id in {@code directory} and records {@code owner} as its owner. */
  static LabRegistry reserve(Path directory, Owner owner) {
    try {
      Files.createDirectories(directory);
      while (true) {
        String runId = newRunId();
        LabRegistry registry = new LabRegistry(directory.resolve(runId), runId, owner);
        Path draft = registry.writeDraft();
        try {
          Files.createLink(registry.file, draft);
          return registry;
        } catch (FileAlreadyExistsException taken) {
          // Another run holds this id; draw again.
        } finally {
          Files.deleteIfExists(draft);
        }
      }
    } catch (IOException e) {
      throw new LabException("cannot register the lab in " + directory, e);
    }
  }

  /** Reads a registry file written by {@link #save()}, of this JVM or of another. */
  static LabRegistry read(Path file) throws IOException {
    String runId = file.getFileName().toString();
    if (!isRunId(runId)) {
      throw new IOException("not a lab registry file name: " + file);
    }
    LabRegistry registry = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] kindAndValue = line.split(" ", 2);
      if (kindAndValue.length != 2) {
        throw new IOException("malformed line in " + file + ": " + line);
      }
      String value = kindAndValue[1];
      switch (kindAndValue[0]) {
        case "owner" -> {
          String[] pidAndStart = value.split(" ");
          registry = new LabRegistry(file, runId,
              new Owner(Long.parseLong(pidAndStart[0]), Long.parseLong(pidAndStart[1])));
        }
        case "workdir" -> requireOwnerFirst(registry, file).workDir = Path.of(value);
        case "netns" -> requireOwnerFirst(registry, file).namespaces.add(value);
        case "pgid" -> requireOwnerFirst(registry, file).processGroups.add(Long.parseLong(value));
        default -> throw new IOException("unknown entry in " + file + ": " + line);
      }
    }
    if (registry == null) {
      throw new IOException("no owner in " + file);
    }
    return registry;
  }

  static boolean isRunId(String candidate) {
    return RUN_ID.matcher(candidate).matches();
  }

  static String newRunId() {
    StringBuilder id = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      id.append(RUN_ID_ALPHABET.charAt(RANDOM.nextInt(RUN_ID_ALPHABET.length())));
    }
    return id.toString();
  }

  String runId() {
    return runId;
  }

  Path file() {
    return file;
  }

  Owner owner() {
    return owner;
  }

  synchronized List<String> namespaces() {
    return List.copyOf(namespaces);
  }

  synchronized List<Long> processGroups() {
    return List.copyOf(processGroups);
  }

  synchronized Optional<Path> workDir() {
    return Optional.ofNullable(workDir);
  }

  synchronized void setWorkDir(Path directory) {
    workDir = directory;
    save();
  }

  synchronized void addNamespace(String name) {
    namespaces.add(name);
    save();
  }

  synchronized void removeNamespace(String name) {
    namespaces.remove(name);
    save();
  }

  synchronized void addProcessGroup(long pgid) {
    processGroups.add(pgid);
    save();
  }

  synchronized void removeProcessGroup(long pgid) {
    processGroups.remove(pgid);
    save();
  }

  /** Deletes the file; later updates (a process exit noticed after close) are ignored rather than recreate it. */
  synchronized void delete() {
    deleted = true;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new LabException("cannot delete the lab registry " + file, e);
    }
  }

  private synchronized void save() {
    if (deleted) {
      return;
    }
    try {
      Files.move(writeDraft(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new LabException("cannot update the lab registry " + file, e);
    }
  }

  /** Writes the current content to a hidden file beside the registry, ready to be linked or renamed into place. */
  private synchronized Path writeDraft() throws IOException {
    Path draft = Files.createTempFile(file.getParent(), "." + runId + "-", ".tmp");
    Files.writeString(draft, render(), StandardCharsets.UTF_8);
    return draft;
  }

  private String render() {
    List<String> lines = new ArrayList<>();
    lines.add("owner " + owner.pid() + " " + owner.startMillis());
    if (workDir != null) {
      lines.add("workdir " + workDir);
    }
    namespaces.forEach(name -> lines.add("netns " + name));
    processGroups.forEach(pgid -> lines.add("pgid " + pgid));
    return String.join("\n", lines) + "\n";
  }

  private static LabRegistry requireOwnerFirst(LabRegistry registry, Path file) throws IOException {
    if (registry == null) {
      throw new IOException("entry before the owner line in " + file);
    }
    return registry;
  }
}
