package io.outpost.controlplane.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/snmp.md true: every configuration line it shows is committed on a real daemon,
 * every net-snmp command it shows is run as written from a management host at the address the
 * examples use (the appliance is 192.0.2.1, the manager 192.0.2.10), and {@code show snmp}
 * prints the lines the page shows, up to their numbers.
 */
@Tag("lab")
class SnmpDocsIT {
  @Test
  void theExamplesWorkAsWritten() throws Exception {
    String doc = Files.readString(OutpostDaemon.home().resolve("docs/snmp.md"));
    List<String> config = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    read(doc, config, commands, shown);
    assertTrue(config.size() > 10 && commands.size() >= 3 && shown.size() > 5, "found "
        + config + commands + shown);
    try (Lab lab = Lab.create("snmpdocs")) {
      Host appliance = lab.host("appliance");
      Host nms = lab.host("nms");
      lab.link(nms, "eth0", appliance, "eth0");
      nms.address("eth0", "192.0.2.10/24");
      try (OutpostDaemon d = OutpostDaemon.in(appliance, lab.workDir().resolve("state"))
          .start()) {
        ExecResult set = d.cli("configure; set interfaces interface eth0 ipv4 address"
            + " 192.0.2.1/24; " + String.join("; ", config));
        assertEquals(0, set.exitCode(), set.stdout() + set.stderr());
        for (String c : commands) {
          ExecResult r = nms.exec(Duration.ofSeconds(60), "sh", "-c", c);
          assertEquals(0, r.exitCode(), c + "\n" + r.stdout() + r.stderr());
          assertFalse(r.stdout().isBlank() || r.stdout().contains("No Such"), c + "\n"
              + r.stdout());
        }
        String show = d.cli("show snmp").stdout();
        for (String line : shown) {
          String label = line.replaceAll("[0-9a-f]{10,}|\\d+", "N");
          assertTrue(show.lines().anyMatch(l -> l.replaceAll("[0-9a-f]{10,}|\\d+", "N")
              .equals(label)), "show snmp has no line like \"" + line + "\":\n" + show);
        }
      }
    }
  }

  /**
   * The page's code blocks: lines after the configuration prompt ({@code outpost# }), net-snmp
   * command lines (joined across backslash continuations), and the output of
   * {@code show snmp}.
   */
  static void read(String doc, List<String> config, List<String> commands, List<String> shown) {
    boolean inBlock = false;
    boolean inShow = false;
    StringBuilder command = null;
    for (String line : doc.split("\n")) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        inShow = false;
        continue;
      }
      if (!inBlock) {
        continue;
      }
      if (command != null) {
        command.append(' ').append(line.strip().replaceAll("\\\\$", ""));
        if (!line.endsWith("\\")) {
          commands.add(command.toString());
          command = null;
        }
      } else if (line.startsWith("outpost# ")) {
        config.add(line.substring("outpost# ".length()));
      } else if (line.equals("outpost> show snmp")) {
        inShow = true;
      } else if (inShow) {
        shown.add(line);
      } else if (line.matches("snmp(get|walk|bulkwalk) .*")) {
        command = new StringBuilder(line.replaceAll("\\\\$", "").strip());
        if (!line.endsWith("\\")) {
          commands.add(command.toString());
          command = null;
        }
      }
    }
  }
}
