package io.outpost.controlplane.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.mgmt.MgmtClient;
import io.outpost.controlplane.mgmt.MgmtResponse;
import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real {@code outpost} client against a real daemon in a lab namespace: one-shot and
 * batch use, errors, locks between sessions, load and save, the interactive terminal (on a
 * pseudo-terminal driven by pexpect), and yanglint on what the daemon prints.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
  static Lab lab;
  static OutpostDaemon daemon;
  static Path work;

  @BeforeAll
  static void start() throws Exception {
    lab = Lab.create("cli");
    Host host = lab.host("appliance");
    Host peer = lab.host("peer");
    lab.link(host, "eth0", peer, "eth0");
    work = lab.workDir();
    daemon = OutpostDaemon.in(host, work.resolve("state")).start();
  }

  @AfterAll
  static void stop() {
    daemon.close();
    lab.close();
  }

  private static ExecResult ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  @Test
  @Order(1)
  void interactiveTerminal() throws Exception {
    Path script = work.resolve("interactive.py");
    try (InputStream in = CliIT.class.getResourceAsStream("interactive.py")) {
      Files.copy(in, script);
    }
    // Debian's python3 with python3-pexpect (scripts/test installs it), whatever python3 is first on PATH
    ExecResult r = OutpostDaemon.run(List.of("/usr/bin/python3", script.toString(),
        OutpostDaemon.home().resolve("bin/outpost").toString(), daemon.socket().toString()));
    assertEquals(0, r.exitCode(), "transcript:\n" + r.stdout() + r.stderr());
    assertTrue(ok(daemon.cli("show system commit")).stdout().contains("from a terminal"));
  }

  @Test
  @Order(2)
  void oneShotEditCompareCommit() {
    ExecResult r = ok(daemon.cli("configure; set interfaces interface eth0 description \"to the peer\";"
        + " set interfaces interface eth0 ipv4 address 192.0.2.1/24; show | compare; commit check;"
        + " commit comment \"eth0 up\""));
    // the interactive test before this one set eth0's MTU, so eth0 already exists
    assertTrue(r.stdout().contains("""
        [edit interfaces interface eth0]
        +   description "to the peer";
        +   ipv4 {
        +       address 192.0.2.1/24;
        +   }
        """), r.stdout());
    assertTrue(r.stdout().contains("configuration check succeeds\n"), r.stdout());
    assertTrue(r.stdout().endsWith("commit complete\n"), r.stdout());
    assertTrue(ok(daemon.cli("show interfaces")).stdout().matches("(?s).*eth0 +up .*192\\.0\\.2\\.1/24.*"));
    assertTrue(ok(daemon.cli("show route")).stdout().contains("* 192.0.2.0/24           connected   0     via eth0"));
  }

  @Test
  @Order(3)
  void errorsStopABatchWithACaretAndStatusOne() {
    ExecResult r = daemon.cli("configure; set interfaces interfce eth0 mtu 1400; commit");
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("""
        outpost: set interfaces interfce eth0 mtu 1400
                                ^
        error: syntax error: "interfce" is not valid here; expecting one of interface
        """), r.stderr());
    assertFalse(r.stdout().contains("commit complete"), "the batch stopped at the error");

    ExecResult stdin = daemon.cliStdin("configure\nset routing static route 10.0.0.0/8 interface eth9\ncommit\n");
    assertEquals(1, stdin.exitCode());
    assertTrue(stdin.stderr().contains("routing static route 10.0.0.0/8 interface: \"eth9\" does not exist"),
        stdin.stderr());
    ok(daemon.cli("configure; rollback 0"));
  }

  @Test
  @Order(4)
  void aLockInOneSessionRefusesAnothersCommit() throws Exception {
    try (MgmtClient holder = daemon.connect()) {
      MgmtResponse entered = holder.exec("configure exclusive");
      assertTrue(entered.ok(), entered.error());
      ExecResult refused = daemon.cli("configure; set system host-name other; commit");
      assertEquals(1, refused.exitCode());
      assertTrue(refused.stderr().contains("the candidate datastore is locked by user root (session "), refused.stderr());
      assertTrue(ok(daemon.cli("show system sessions")).stdout().contains("The running datastore is locked by user root"));
    }
    // the holder's session ended: its locks are gone
    ok(daemon.cli("configure; set system host-name edge2; commit; set system host-name edge7; commit"));
  }

  @Test
  @Order(5)
  void saveAndLoadWorkOnTheUsersFiles() throws Exception {
    Path json = work.resolve("saved.json");
    Path set = work.resolve("saved.set");
    ok(daemon.cli("configure; edit interfaces; save " + json + "; save " + set));
    assertTrue(Files.readString(json).contains("\"outpost-interfaces:interfaces\""));
    assertTrue(Files.readString(set).contains("set interfaces interface eth0 ipv4 address 192.0.2.1/24\n"));
    assertTrue(Files.readString(json).contains("\"outpost-system:system\""), "save writes the whole candidate,"
        + " whatever the edit level");

    Path broken = work.resolve("broken.json");
    Files.writeString(broken, "{\"outpost-system:system\": {\"host-name\": \"-bad-\"}}");
    ExecResult r = daemon.cli("configure; load override " + broken);
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("load failed, nothing changed:\nsystem host-name: \"-bad-\""), r.stderr());

    Path change = work.resolve("change.set");
    Files.writeString(change, "# comments are fine\nset interfaces interface eth0 mtu 1400\n");
    ok(daemon.cli("configure; load set " + change + "; commit"));
    assertTrue(ok(daemon.cli("show configuration interfaces")).stdout().contains("mtu 1400;"));
    ok(daemon.cli("configure; load override " + json + "; commit comment \"restored\""));
    assertFalse(ok(daemon.cli("show configuration interfaces")).stdout().contains("mtu 1400;"));
  }

  @Test
  @Order(6)
  void confirmedCommitsAreConfirmedByTheNextCommit() {
    ExecResult r = ok(daemon.cli("configure; set system host-name maybe; commit confirmed 5"));
    assertTrue(r.stdout().contains("rolled back in 5 minutes unless confirmed"), r.stdout());
    assertTrue(ok(daemon.cli("show system commit")).stdout().startsWith("commit confirmed: commit "));
    assertTrue(ok(daemon.cli("configure")).stdout().contains("warning: commit confirmed: commit "),
        "entering configuration mode says a confirmed commit is waiting");
    assertTrue(ok(daemon.cli("configure; commit")).stdout().contains("the confirmed commit is now permanent"));
    assertFalse(ok(daemon.cli("show system commit")).stdout().startsWith("commit confirmed"));
  }

  @Test
  @Order(7)
  void theDaemonsOwnJsonValidatesWithYanglint() throws Exception {
    Path out = work.resolve("running.json");
    Files.writeString(out, ok(daemon.cli("show configuration | display json")).stdout());
    Path yang = OutpostDaemon.home().resolve("controlplane/src/main/yang");
    List<String> cmd = new java.util.ArrayList<>(List.of("yanglint", "-t", "config", "-p", yang.toString()));
    try (var files = Files.list(yang)) {
      files.sorted().forEach(f -> cmd.add(f.toString()));
    }
    cmd.add(out.toString());
    ExecResult lint = OutpostDaemon.run(cmd);
    assertEquals(0, lint.exitCode(), lint.toString());
    assertEquals("", lint.stderr(), "no warnings either");
  }
}
