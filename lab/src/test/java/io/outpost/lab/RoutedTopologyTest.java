package io.outpost.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end: two hosts on either side of a router namespace that forwards with the kernel, over IPv4 and
 * IPv6 (documentation prefixes). This tests the lab, not the appliance; the router is plain Linux.
 */
@Tag("lab")
class RoutedTopologyTest {

  @Test
  void pingCrossesTheRouterAndCloseLeavesNothing() throws Exception {
    List<String> netns;
    long daemonPid;
    Path workDir;
    Path registry;
    try (Lab lab = Lab.create("routed")) {
      Host h1 = lab.host("h1");
      Host r = lab.host("r");
      Host h2 = lab.host("h2");
      lab.link(h1, "eth0", r, "eth1");
      lab.link(r, "eth2", h2, "eth0");
      h1.address("eth0", "192.0.2.10/24").route("default", "192.0.2.1");
      r.address("eth1", "192.0.2.1/24").address("eth2", "198.51.100.1/24");
      h2.address("eth0", "198.51.100.10/24").route("default", "198.51.100.1");

      ExecResult blocked = h1.exec("ping", "-c", "1", "-W", "1", "198.51.100.10");
      assertFalse(blocked.ok(), "a fresh namespace must not forward until told to:\n" + blocked);

      r.sysctl("net.ipv4.ip_forward", "1");
      ExecResult ping = h1.exec("ping", "-c", "2", "-i", "0.2", "-W", "2", "198.51.100.10");
      assertTrue(ping.ok(), ping.toString());
      // Linux starts replies at TTL 64; 63 proves the reply crossed exactly one router.
      assertTrue(ping.stdout().contains("from 198.51.100.10") && ping.stdout().contains("ttl=63"),
          ping.stdout());

      h1.address("eth0", "2001:db8:1::10/64").route("default", "2001:db8:1::1");
      r.address("eth1", "2001:db8:1::1/64").address("eth2", "2001:db8:2::1/64")
          .sysctl("net.ipv6.conf.all.forwarding", "1");
      h2.address("eth0", "2001:db8:2::10/64").route("default", "2001:db8:2::1");
      ExecResult ping6 = h1.exec("ping", "-6", "-c", "2", "-i", "0.2", "-W", "2", "2001:db8:2::10");
      assertTrue(ping6.ok(), ping6.toString());
      assertTrue(ping6.stdout().contains("from 2001:db8:2::10") && ping6.stdout().contains("ttl=63"),
          ping6.stdout());

      LabProcess daemon = h2.spawn("daemon", "sh", "-c", "echo listening; exec sleep 600");
      daemon.awaitLog("^listening$", Duration.ofSeconds(10));

      netns = List.of(h1.netns(), r.netns(), h2.netns());
      daemonPid = daemon.pid();
      workDir = lab.workDir();
      registry = LabRegistry.DIRECTORY.resolve(lab.runId());
      assertTrue(KernelState.namespaces().containsAll(netns), KernelState.namespaces().toString());
      assertTrue(KernelState.isRunning(daemonPid));
      assertTrue(Files.isDirectory(workDir) && Files.exists(registry));
    }

    List<String> after = KernelState.namespaces();
    assertTrue(netns.stream().noneMatch(after::contains), "namespaces left behind: " + after);
    assertFalse(KernelState.isRunning(daemonPid), "daemon " + daemonPid + " still runs");
    if (!"1".equals(System.getenv("OUTPOST_LAB_KEEP"))) {
      assertFalse(Files.exists(workDir), "work directory left behind: " + workDir);
    }
    assertFalse(Files.exists(registry), "registry left behind: " + registry);
  }
}
