package io.outpost.controlplane.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real daemon watching the lab's hardware: {@code --hardware-root} points it at a directory
 * standing for {@code /sys} with the hwmon device the netns-lab profile reads (this machine has
 * no sensors of its own), and the real CLI shows the environment and the alarms as readings
 * cross thresholds, a fan stops being readable and the profile changes.
 */
@Tag("lab")
class HealthIT {
  private Lab lab;
  private Host host;
  private Path root;
  private Path hwmon;

  @BeforeEach
  void lab() throws Exception {
    lab = Lab.create("health");
    host = lab.host("appliance");
    root = lab.workDir().resolve("hardware");
    hwmon = Files.createDirectories(root.resolve("sys/class/hwmon/hwmon2"));
    Files.writeString(hwmon.resolve("name"), "outpost_lab\n");
    Files.writeString(hwmon.resolve("temp1_label"), "Lab board\n");
    Files.writeString(hwmon.resolve("temp1_input"), "41000\n");
    Files.writeString(hwmon.resolve("fan1_input"), "2400\n");
  }

  @AfterEach
  void close() {
    lab.close();
  }

  @Test
  void sensorsAreShownAndCrossingsRaiseAndClearAlarms() throws Exception {
    try (OutpostDaemon d = OutpostDaemon.in(host, lab.workDir().resolve("state"))
        .withArgs("--hardware-root", root.toString()).start()) {
      String none = d.cli("show alarms").stdout();
      assertTrue(none.contains("major") && none.contains("no hardware profile matches this"
          + " machine (no DMI strings and no ONIE platform)"), none);
      assertTrue(d.cli("show environment").stdout().startsWith("No hardware profile in use"));

      ExecResult refused = d.cli("configure; set system hardware profile no-such-box; commit");
      assertTrue(refused.stderr().contains("commit failed: health: system hardware profile: no"
          + " hardware profile named no-such-box (known: generic-x86-1u, netns-lab, qemu-vm,"
          + " whitebox-32x100g)"), refused.stdout() + refused.stderr());

      ExecResult set = d.cli("configure; set system hardware profile netns-lab;"
          + " set system hardware poll-interval 1; commit");
      assertEquals(0, set.exitCode(), set.stdout() + set.stderr());
      String env = until(d, "show environment", s -> s.contains("41"));
      assertTrue(env.contains("profile netns-lab"), env);
      assertTrue(env.matches("(?s).*Lab board\\s+41 C\\s+ok .*"), env);
      assertTrue(env.matches("(?s).*Lab fan\\s+2400 RPM\\s+ok .*"), env);
      assertTrue(until(d, "show alarms", s -> s.startsWith("No active alarms.")).contains(
          "cleared"), "the platform alarm cleared once a profile was chosen");

      Files.writeString(hwmon.resolve("temp1_input"), "72500\n");
      String raised = until(d, "show alarms", s -> s.contains("1 active alarm:"));
      assertTrue(raised.contains("critical") && raised.contains("sensor Lab board")
          && raised.contains("Lab board 72.5 C, at or above its critical threshold 70"), raised);
      assertTrue(d.process().logText().contains("msg=\"alarm raised\""), "logged");

      Files.delete(hwmon.resolve("fan1_input"));
      String fan = until(d, "show alarms", s -> s.contains("2 active alarms:"));
      assertTrue(fan.contains("fan FAN1") && fan.contains("cannot be read"), fan);
      assertTrue(until(d, "show environment", s -> s.contains("failed")).contains(
          hwmon.resolve("fan1_input").toString()), "the reason is shown under the sensor");

      Files.writeString(hwmon.resolve("temp1_input"), "50000\n");
      Files.writeString(hwmon.resolve("fan1_input"), "2400\n");
      String clear = until(d, "show alarms", s -> s.startsWith("No active alarms."));
      assertTrue(clear.contains("cleared") && clear.contains("sensor Lab board"), clear);
      assertEquals(0, d.stop());
    }
  }

  /** Runs a CLI command until its output satisfies {@code done} (at most 20 s). */
  private static String until(OutpostDaemon d, String command, Predicate<String> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String out = "";
    while (System.nanoTime() < deadline) {
      out = d.cli(command).stdout();
      if (done.test(out)) {
        return out;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(command + " did not show what was expected in 20 s:\n" + out);
  }
}
