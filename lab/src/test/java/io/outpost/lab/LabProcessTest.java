package io.outpost.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Commands and background processes inside one host: output capture, deadlines, signals, stops and log waits. */
@Tag("lab")
class LabProcessTest {

  private static Lab lab;
  private static Host host;

  @BeforeAll
  static void createLab() {
    lab = Lab.create("process");
    host = lab.host("h");
  }

  @AfterAll
  static void closeLab() {
    lab.close();
  }

  @Test
  void execCapturesBothStreamsAndTheExitCode() {
    ExecResult result = host.exec("sh", "-c", "echo out; echo err >&2; exit 3");
    assertEquals(3, result.exitCode());
    assertFalse(result.ok());
    assertEquals("out\n", result.stdout());
    assertEquals("err\n", result.stderr());
    assertEquals(List.of("ip", "netns", "exec", host.netns(), "sh", "-c", "echo out; echo err >&2; exit 3"),
        result.command());
  }

  @Test
  void execRunsInsideTheNamespace() {
    ExecResult links = host.execOrThrow("ip", "-o", "link", "show");
    assertEquals(1, links.stdout().lines().count(), "a fresh host has only its loopback:\n" + links.stdout());
    assertTrue(links.stdout().contains("lo:") && links.stdout().contains("UP"), links.stdout());
  }

  @Test
  void execOrThrowReportsCommandCodeAndOutput() {
    LabException failure = assertThrows(LabException.class,
        () -> host.execOrThrow("sh", "-c", "echo partial-output; echo the-reason >&2; exit 4"));
    assertTrue(failure.getMessage().contains("exit code 4"), failure.getMessage());
    assertTrue(failure.getMessage().contains("ip netns exec " + host.netns() + " sh -c"), failure.getMessage());
    assertTrue(failure.getMessage().contains("partial-output"), failure.getMessage());
    assertTrue(failure.getMessage().contains("the-reason"), failure.getMessage());
  }

  @Test
  void execTimeoutKillsTheCommandAndWhatItStartedEvenIfStdoutStaysOpen() {
    long start = System.nanoTime();
    // The background sleep inherits stdout: a pipe reader would wait for it forever.
    LabException timeout = assertThrows(LabException.class,
        () -> host.exec(Duration.ofMillis(500), "sh", "-c", "sleep 600 & echo started; wait"));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    assertTrue(timeout.getMessage().contains("did not finish within PT0.5S"), timeout.getMessage());
    assertTrue(timeout.getMessage().contains("started"), timeout.getMessage());
    assertEquals(List.of(), KernelState.pidsIn(host.netns()), "processes left in the namespace");
  }

  @Test
  void awaitLogReturnsOnAMatchingLine() {
    try (LabProcess process = host.spawn("ready", "sh", "-c", "echo booting; sleep 0.2; echo ready on port 179;"
        + " exec sleep 600")) {
      process.awaitLog("ready on port \\d+", Duration.ofSeconds(10));
      assertTrue(process.isAlive());
      assertTrue(process.log().getFileName().toString().equals("h-ready.log"), process.log().toString());
    }
  }

  @Test
  void awaitLogTimeoutShowsTheLogTail() {
    try (LabProcess process = host.spawn("quiet", "sh", "-c", "echo alpha; echo beta; exec sleep 600")) {
      process.awaitLog("beta", Duration.ofSeconds(10));
      LabException timeout = assertThrows(LabException.class,
          () -> process.awaitLog("gamma", Duration.ofMillis(300)));
      assertTrue(timeout.getMessage().contains("alpha\nbeta"), timeout.getMessage());
    }
  }

  @Test
  void awaitLogFailsAsSoonAsTheProcessExits() {
    LabProcess process = host.spawn("crash", "sh", "-c", "echo config error; exit 3");
    long start = System.nanoTime();
    LabException failure = assertThrows(LabException.class,
        () -> process.awaitLog("never logged", Duration.ofSeconds(30)));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    assertTrue(failure.getMessage().contains("exited with code 3"), failure.getMessage());
    assertTrue(failure.getMessage().contains("config error"), failure.getMessage());
  }

  @Test
  void terminateReturnsTheExitCodeOfAGracefulStop() {
    LabProcess process = host.spawn("graceful", List.of("sh", "-c",
        "trap 'echo stopping $NAME; exit 7' TERM; echo up; while :; do sleep 0.1; done"),
        Map.of("NAME", "peer-a"));
    process.awaitLog("^up$", Duration.ofSeconds(10));
    assertEquals(7, process.terminate(Duration.ofSeconds(5)));
    assertTrue(process.logText().contains("stopping peer-a"), process.logText());
  }

  @Test
  void terminateKillsTheWholeGroupWhenTermIsIgnored() throws InterruptedException {
    // The shell and its background child both ignore SIGTERM; only the group SIGKILL ends them.
    LabProcess process = host.spawn("stubborn", "sh", "-c", "trap '' TERM; sleep 600 & echo child $!; wait");
    process.awaitLog("^child \\d+$", Duration.ofSeconds(10));
    Matcher child = Pattern.compile("child (\\d+)").matcher(process.logText());
    assertTrue(child.find());
    long childPid = Long.parseLong(child.group(1));

    assertEquals(128 + 9, process.terminate(Duration.ofMillis(300)));
    // SIGKILL to the group is delivered at once but the child exits asynchronously: the shell
    // can be reaped a moment before the child's /proc entry turns zombie or goes away.
    assertTrue(KernelState.eventually(Duration.ofSeconds(2), () -> !KernelState.isRunning(childPid)),
        "the child " + childPid + " outlived its group");
  }

  @Test
  void signalReachesTheProcessAndKillEndsIt() {
    LabProcess process = host.spawn("handler", "sh", "-c",
        "trap 'echo got HUP' HUP; echo up; while :; do sleep 0.1; done");
    process.awaitLog("^up$", Duration.ofSeconds(10));
    process.signal("HUP");
    process.awaitLog("^got HUP$", Duration.ofSeconds(10));
    assertTrue(process.isAlive());

    process.kill();
    assertFalse(process.isAlive());
    assertEquals(128 + 9, process.waitFor(Duration.ofSeconds(1)));
    assertThrows(LabException.class, () -> process.signal("TERM"));
  }

  @Test
  void waitForTimesOut() {
    try (LabProcess process = host.spawn("sleeper", "sleep", "600")) {
      assertThrows(LabException.class, () -> process.waitFor(Duration.ofMillis(100)));
      assertTrue(process.isAlive());
    }
  }

  @Test
  void respawningANameGetsAFreshLog() {
    LabProcess first = host.spawn("again", "sh", "-c", "echo first");
    first.waitFor(Duration.ofSeconds(10));
    LabProcess second = host.spawn("again", "sh", "-c", "echo second");
    second.waitFor(Duration.ofSeconds(10));
    assertEquals("h-again-2.log", second.log().getFileName().toString());
    assertEquals("first\n", first.logText());
    assertEquals("second\n", second.logText());
  }
}
