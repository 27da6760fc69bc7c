package io.outpost.controlplane.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.mgmt.MgmtClient;
import io.outpost.controlplane.mgmt.MgmtResponse;
import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replays the session in docs/cli.md against a real daemon and checks every prompt, output line
 * and error it shows, so the documentation cannot drift from what the CLI does. {@code ...} in
 * a shown line stands for text that differs between runs (times).
 */
@Tag("lab")
class DocsIT {
  private static final Pattern PROMPT = Pattern.compile("^(\\S+@\\S+[>#] )(.*)$");

  /** One command of the transcript with what the doc shows after it. */
  private record Step(String prompt, String command, List<String> output, String error) {}

  @Test
  void theCliSessionInTheDocsWorksAsWritten() throws Exception {
    List<Step> steps = transcript(Files.readString(OutpostDaemon.home().resolve("docs/cli.md")));
    assertTrue(steps.size() > 10, "the transcript was found");
    try (Lab lab = Lab.create("docs")) {
      Host host = lab.host("appliance");
      lab.link(host, "eth0", lab.host("isp"), "eth0");
      try (OutpostDaemon daemon = OutpostDaemon.in(host, lab.workDir().resolve("state")).start();
          MgmtClient client = daemon.connect()) {
        String prompt = client.exec("").prompt();
        for (Step step : steps) {
          assertEquals(step.prompt(), prompt, "the prompt before: " + step.command());
          MgmtResponse r = client.exec(step.command());
          assertEquals(step.error(), r.error(), step.command());
          List<String> actual = r.output().isEmpty() ? List.of() : List.of(r.output().split("\n", -1));
          if (!actual.isEmpty() && actual.getLast().isEmpty()) {
            actual = actual.subList(0, actual.size() - 1);
          }
          assertEquals(step.output().size(), actual.size(), step.command() + "\n" + r.output());
          for (int i = 0; i < actual.size(); i++) {
            String expected = step.output().get(i);
            String regex = Pattern.quote(expected).replace("...", "\\E.*\\Q");
            assertTrue(actual.get(i).matches(regex), step.command() + ": line " + (i + 1) + "\nexpected: " + expected
                + "\nactual:   " + actual.get(i));
          }
          prompt = r.prompt();
        }
      }
    }
  }

  /** The commands and what follows each in the "A session to follow" block. */
  private static List<Step> transcript(String doc) {
    String section = doc.substring(doc.indexOf("## A session to follow"));
    String block = section.substring(section.indexOf("```text") + 7, section.indexOf("```", section.indexOf("```text") + 7));
    List<Step> steps = new ArrayList<>();
    String prompt = null;
    String command = null;
    List<String> output = new ArrayList<>();
    String error = "";
    String[] lines = block.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      var m = PROMPT.matcher(line);
      // "[edit ...]" directly above a prompt is the context line the client prints, not output
      boolean context = line.startsWith("[edit") && n + 1 < lines.length && PROMPT.matcher(lines[n + 1]).matches();
      if (m.matches()) {
        if (command != null) {
          steps.add(new Step(prompt, command, output, error));
        }
        prompt = m.group(1);
        command = m.group(2);
        output = new ArrayList<>();
        error = "";
      } else if (line.startsWith("error: ")) {
        error = line.substring("error: ".length());
      } else if (!line.isBlank() && !context && !line.strip().equals("^") && command != null) {
        output.add(line);
      }
    }
    steps.add(new Step(prompt, command, output, error));
    return steps;
  }
}
