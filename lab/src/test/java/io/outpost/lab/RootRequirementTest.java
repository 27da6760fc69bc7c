package io.outpost.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Without root, {@link Lab#create} refuses with a message that says why, before it touches anything. */
@Tag("lab")
class RootRequirementTest {

  @Test
  void createRefusesWithoutRoot() throws Exception {
    // Only the lab's own classes: the unprivileged user cannot read the Maven repository under /root.
    String classPath = location(Lab.class) + ":" + location(NonRootMain.class);
    Process child = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        ProcessHandle.current().info().command().orElseThrow(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-XX:-UsePerfData",
        "-cp", classPath, NonRootMain.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), output);
    assertTrue(output.startsWith("java.lang.IllegalStateException: the lab needs root (network namespaces)"),
        output);
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
