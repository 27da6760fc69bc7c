package io.outpost.controlplane.yang;

import io.outpost.controlplane.config.OutpostModules;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real libyang, through its {@code yanglint} command (Debian's libyang-tools, 2.1): the
 * reference our YANG compiler and data codec are held to. It owns finding the executable, running
 * it on module and data files, and turning what it prints into one verdict per file.
 *
 * <p>Data files are validated in batches: yanglint checks the files of one invocation in order
 * and stops at the first it refuses, naming it ({@code Failed to parse input data file "x"}). A
 * batch costs one process (about 6 ms) when every file is valid and one more per refused file.
 * Batches hold at most {@value #BATCH} files because a process pays for every file named on its
 * command line, reached or not: 1,000 more names made each process 10 ms slower. (Its
 * interactive mode would take every file in one process, but it writes a history file into the
 * user's home directory, which a test must not do.)
 *
 * <p>A missing yanglint fails the test rather than skipping it: a conformance test that can
 * quietly not run guards nothing.
 */
final class Yanglint {
  private static final long TIMEOUT_SECONDS = 60;
  private static final int BATCH = 40;
  private static final Pattern REFUSED_FILE = Pattern.compile("Failed to parse input data file \"([^\"]*)\"");

  /** What one yanglint process did. */
  record Run(List<String> command, int exitCode, String stdout, String stderr) {
    String describe() {
      return String.join(" ", command) + "\nexit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /**
   * yanglint's verdict on one data file: accepted, with what it printed for the file when output
   * was asked for (its own rendering of the data, the way to see what libyang made of a value),
   * or refused, with libyang's reasons.
   */
  record Verdict(boolean accepted, String output, String reasons) {}

  private final Path executable;
  private final List<Path> searchDirs;
  private final List<Path> modules;
  private final Path scratch;

  private Yanglint(Path executable, List<Path> searchDirs, List<Path> modules, Path scratch) {
    this.executable = executable;
    this.searchDirs = List.copyOf(searchDirs);
    this.modules = List.copyOf(modules);
    this.scratch = scratch;
  }

  /**
   * A yanglint that loads {@code modules} (every one implemented, so their data is allowed),
   * finding imports in {@code searchDirs}; {@code scratch} takes its output files.
   */
  static Yanglint with(List<Path> searchDirs, List<Path> modules, Path scratch) {
    return new Yanglint(locate(), searchDirs, modules, scratch);
  }

  /** The directory of Outpost's YANG modules, from the controlplane module (where tests run). */
  static final Path OUTPOST_YANG = Path.of("src/main/yang").toAbsolutePath();

  /** A yanglint that loads every Outpost module, as the appliance does. */
  static Yanglint outpost(Path scratch) {
    return with(List.of(OUTPOST_YANG), outpostModuleFiles(), scratch);
  }

  static List<Path> outpostModuleFiles() {
    return OutpostModules.NAMES.stream().map(n -> OUTPOST_YANG.resolve(n + ".yang")).toList();
  }

  private static Path locate() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "yanglint"));
      }
    }
    candidates.add(Path.of("/usr/bin/yanglint"));
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError("yanglint not found on PATH: the YANG conformance tests hold our model to the real"
        + " libyang and cannot run without it; install libyang-tools (apt-get install -y libyang-tools)");
  }

  /** Compiles one module on its own, as an author would check it: {@code yanglint -p <dirs> <file>}. */
  Run checkModule(Path module) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    searchPath(command);
    command.add(module.toString());
    return run(command);
  }

  /**
   * Validates each data file on its own as a complete configuration datastore ({@code -t
   * config}); the format follows the file name ({@code .json}, {@code .xml}). Extra {@code
   * options} go before the files, such as {@code -f json} to have each accepted file printed.
   *
   * @return a verdict per file, in the order given
   */
  Map<Path, Verdict> validate(List<Path> files, String... options) {
    boolean printing = List.of(options).contains("-f");
    Map<Path, Verdict> verdicts = new LinkedHashMap<>();
    int next = 0;
    while (next < files.size()) {
      List<Path> batch = files.subList(next, Math.min(files.size(), next + BATCH));
      List<String> command = new ArrayList<>();
      command.add(executable.toString());
      command.addAll(List.of(options));
      command.add("-t");
      command.add("config");
      searchPath(command);
      modules.forEach(m -> command.add(m.toString()));
      batch.forEach(f -> command.add(f.toString()));
      Run run = run(command);
      int refused = batch.size();
      if (run.exitCode() != 0) {
        refused = refusedIndex(batch, run);
      } else if (!run.stderr().isBlank()) {
        throw new AssertionError("yanglint accepted the files but warned; find out why:\n" + run.describe());
      }
      List<String> printed = printing ? documents(run.stdout()) : List.of();
      if (printing && printed.size() != refused) {
        throw new AssertionError("expected " + refused + " printed documents from yanglint, found "
            + printed.size() + ":\n" + run.describe());
      }
      for (int i = 0; i < refused; i++) {
        verdicts.put(batch.get(i), new Verdict(true, printing ? printed.get(i) : "", ""));
      }
      if (refused < batch.size()) {
        verdicts.put(batch.get(refused), new Verdict(false, "", run.stderr().strip()));
      }
      next += Math.min(refused + 1, batch.size());
    }
    if (verdicts.size() != files.size()) {
      throw new AssertionError("yanglint gave " + verdicts.size() + " verdicts for " + files.size() + " files");
    }
    return verdicts;
  }

  private static int refusedIndex(List<Path> batch, Run run) {
    Matcher m = REFUSED_FILE.matcher(run.stderr());
    if (m.find()) {
      int index = batch.indexOf(Path.of(m.group(1)));
      if (index >= 0) {
        return index;
      }
    }
    throw new AssertionError("yanglint failed without naming a data file it refused:\n" + run.describe());
  }

  /**
   * Splits what yanglint printed for several files. Its JSON printer starts every document with
   * a line "{" and ends it with a line "}" (an empty tree prints "{", "", "}"); deeper lines are
   * indented, so a bare "}" line ends a document.
   */
  static List<String> documents(String stdout) {
    List<String> docs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : stdout.split("\n", -1)) {
      if (current.isEmpty() && line.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (line.equals("}")) {
        docs.add(current.toString());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new AssertionError("unterminated document in yanglint's output:\n" + current);
    }
    return docs;
  }

  private void searchPath(List<String> command) {
    for (Path dir : searchDirs) {
      command.add("-p");
      command.add(dir.toString());
    }
  }

  private Run run(List<String> command) {
    try {
      Path out = Files.createTempFile(scratch, "yanglint-", ".out");
      Path err = Files.createTempFile(scratch, "yanglint-", ".err");
      // Files, not pipes: nothing to drain while waiting, whatever yanglint prints.
      Process p = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("yanglint did not finish within " + TIMEOUT_SECONDS + " s: "
            + String.join(" ", command));
      }
      Run run = new Run(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return run;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running yanglint", e);
    }
  }
}
