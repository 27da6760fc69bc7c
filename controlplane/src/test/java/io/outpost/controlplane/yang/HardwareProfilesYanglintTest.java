package io.outpost.controlplane.yang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libyang judges the hardware profiles too: the module compiles in yanglint, every file under
 * {@code hw-profiles/} validates against it, and a file that breaks the module is refused (so
 * the check can fail). Our own reader's verdicts are {@code HardwareProfilesTest}'s.
 */
class HardwareProfilesYanglintTest {
  private static final Path DIR = Path.of("../hw-profiles").toAbsolutePath().normalize();

  @Test
  void everyProfileValidatesInYanglint(@TempDir Path scratch) throws Exception {
    Path module = DIR.resolve("outpost-hw-profile.yang");
    Yanglint yanglint = Yanglint.with(List.of(DIR), List.of(module), scratch);
    Yanglint.Run compiled = yanglint.checkModule(module);
    assertEquals(0, compiled.exitCode(), compiled.describe());
    List<Path> files;
    try (var s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(files.size() >= 4, files.toString());
    Path broken = scratch.resolve("broken.json");
    Files.writeString(broken, Files.readString(files.getFirst())
        .replaceFirst("\"speed\": [0-9]+", "\"speed\": \"fast\""));
    List<Path> all = new java.util.ArrayList<>(files);
    all.add(broken);
    Map<Path, Yanglint.Verdict> verdicts = yanglint.validate(all);
    for (Path f : files) {
      assertTrue(verdicts.get(f).accepted(), f + ": " + verdicts.get(f).reasons());
    }
    assertFalse(verdicts.get(broken).accepted(), "a port speed of \"fast\" is refused");
  }
}
