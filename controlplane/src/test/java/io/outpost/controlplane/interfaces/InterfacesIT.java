package io.outpost.controlplane.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The interfaces subsystem against a real kernel: what a commit sets is what {@code ip} shows,
 * a peer reaches the configured address, the configuration is the truth at boot, and a change
 * the kernel refuses halfway is undone.
 */
@Tag("lab")
class InterfacesIT {
  Lab lab;
  Host appliance;
  Host peer;
  OutpostDaemon daemon;

  @BeforeEach
  void start() {
    lab = Lab.create("interfaces");
    appliance = lab.host("appliance");
    peer = lab.host("peer");
    lab.link(appliance, "eth0", peer, "eth0");
    appliance.execOrThrow("ip", "link", "add", "mv0", "link", "eth0", "type", "macvlan", "mode", "bridge");
    peer.address("eth0", "192.0.2.10/24");
    daemon = OutpostDaemon.in(appliance, lab.workDir().resolve("state")).start();
  }

  @AfterEach
  void stop() {
    daemon.close();
    lab.close();
  }

  private ExecResult ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  private String ip(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "ip";
    System.arraycopy(args, 0, cmd, 1, args.length);
    return appliance.execOrThrow(cmd).stdout();
  }

  @Test
  void aCommitProgramsTheKernel() {
    ExecResult r = ok(daemon.cli("configure; set interfaces interface eth0 mtu 9000;"
        + " set interfaces interface eth0 ipv4 address 192.0.2.1/24;"
        + " set interfaces interface eth0 ipv6 address 2001:db8::1/64;"
        + " set interfaces interface eth9 description \"not plugged in\"; commit"));
    assertTrue(r.stdout().contains("warning: interface eth9 is not present"), r.stdout());
    String eth0 = ip("-o", "address", "show", "dev", "eth0");
    assertTrue(eth0.contains("inet 192.0.2.1/24"), eth0);
    assertTrue(eth0.contains("inet6 2001:db8::1/64"), eth0);
    assertTrue(ip("link", "show", "eth0").contains("mtu 9000"));
    assertTrue(peer.exec("ping", "-c", "1", "-W", "2", "192.0.2.1").ok(), "the peer reaches the appliance");
    assertTrue(ok(daemon.cli("show interfaces eth9")).stdout().contains("absent"));
    String detail = ok(daemon.cli("show interfaces eth0")).stdout();
    assertTrue(detail.matches("(?s).*Admin state: up.*MTU: 9000.*Address: 192\\.0\\.2\\.1/24.*Input: +[1-9][0-9]* packets.*"),
        "the detail view with the ping's packets counted:\n" + detail);

    ok(daemon.cli("configure; set interfaces interface eth0 enabled false; commit"));
    assertFalse(ip("link", "show", "eth0").matches("(?s).*[<,]UP[,>].*"), ip("link", "show", "eth0"));

    ok(daemon.cli("configure; delete interfaces interface eth0; commit"));
    assertFalse(ip("-o", "address", "show", "dev", "eth0").contains("192.0.2.1"),
        "an interface that leaves the configuration loses the addresses it gave it");
  }

  @Test
  void theConfigurationIsTheTruthAtBoot() {
    ok(daemon.cli("configure; set interfaces interface eth0 ipv4 address 192.0.2.1/24; commit"));
    appliance.execOrThrow("ip", "address", "add", "192.0.2.99/24", "dev", "eth0");
    assertEquals(0, daemon.stop());
    daemon.start();
    String eth0 = ip("-o", "address", "show", "dev", "eth0");
    assertTrue(eth0.contains("192.0.2.1/24"), eth0);
    assertFalse(eth0.contains("192.0.2.99"), "an address added behind the appliance's back is removed: " + eth0);
  }

  @Test
  void aChangeTheKernelRefusesHalfwayIsUndone() {
    ok(daemon.cli("configure; set interfaces interface mv0 ipv4 address 198.51.100.1/24; commit"));
    String history = ok(daemon.cli("show system commit")).stdout();
    // deleting the address comes first and succeeds; a macvlan reports a maximum MTU of 65535,
    // but the kernel refuses one above its parent's (1500) only when it is set
    ExecResult r = daemon.cli("configure; delete interfaces interface mv0 ipv4;"
        + " set interfaces interface mv0 mtu 9000; commit");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("commit failed: interfaces: interfaces interface mv0: the kernel refused to"
        + " set mtu 9000 on mv0"), r.stderr());
    assertTrue(ip("-o", "address", "show", "dev", "mv0").contains("198.51.100.1/24"), "the deleted address is back");
    assertTrue(ip("link", "show", "mv0").contains("mtu 1500"));
    assertEquals(history, ok(daemon.cli("show system commit")).stdout(), "no commit was recorded");
    assertTrue(ok(daemon.cli("show configuration interfaces")).stdout().contains("198.51.100.1/24"));
  }
}
