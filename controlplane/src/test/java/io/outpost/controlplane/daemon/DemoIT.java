package io.outpost.controlplane.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The README's demo, walked through by itself ({@code Demo --check}): what a newcomer sees must work. */
@Tag("lab")
class DemoIT {
  @Test
  void theDemoDoesWhatItsGuideSays() throws Exception {
    Path home = OutpostDaemon.home();
    Path labJar;
    try (Stream<Path> jars = Files.list(home.resolve("lab/target"))) {
      labJar = jars.filter(p -> p.getFileName().toString().matches("outpost-lab-.*\\.jar")).findFirst().orElseThrow();
    }
    String java = ProcessHandle.current().info().command().orElseThrow();
    ExecResult r = OutpostDaemon.run(List.of(java, "-cp", labJar.toString(), "io.outpost.lab.demo.Demo",
        "--outpost-home", home.toString(), "--check"));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertFalse(r.stdout().contains("FAIL"), r.stdout());
  }
}
