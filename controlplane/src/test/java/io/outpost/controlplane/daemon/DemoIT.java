package io.outpost.controlplane.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo, walked through by itself ({@code Demo --check}): what a newcomer sees must work. */
@Tag("lab")
class DemoIT {
  private static Path labJar() throws Exception {
    try (Stream<Path> jars = Files.list(OutpostDaemon.home().resolve("lab/target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("outpost-lab-.*\\.jar")).findFirst().orElseThrow();
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElseThrow();
  }

  @Test
  void theDemoDoesWhatItsGuideSays() throws Exception {
    ExecResult r = OutpostDaemon.run(List.of(java(), "-cp", labJar().toString(), "io.outpost.lab.demo.Demo",
        "--outpost-home", OutpostDaemon.home().toString(), "--check"));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertFalse(r.stdout().contains("FAIL"), r.stdout());
  }

  /** Ctrl-C on a real terminal (a pty driven by pexpect) ends the demo and leaves nothing behind. */
  @Test
  void ctrlCCleansUp(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("demo_ctrl_c.py");
    try (InputStream in = DemoIT.class.getResourceAsStream("demo_ctrl_c.py")) {
      Files.copy(in, script);
    }
    // The script bounds itself (120 s for the guide, 60 s for the end); this is past both.
    ExecResult r = OutpostDaemon.run(List.of("/usr/bin/python3", script.toString(), java(), labJar().toString(),
        OutpostDaemon.home().toString()), null, java.time.Duration.ofSeconds(200));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    String prefix = r.stdout().lines().filter(l -> l.startsWith("namespace-prefix ")).findFirst().orElseThrow()
        .substring("namespace-prefix ".length());
    String namespaces = OutpostDaemon.run(List.of("ip", "netns", "list")).stdout();
    assertFalse(namespaces.contains(prefix), "the demo's namespaces are gone: " + namespaces);
    assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("")
        .contains(prefix.replace("olab-", "outpost-lab-"))), "no process of the demo is left");
  }
}
