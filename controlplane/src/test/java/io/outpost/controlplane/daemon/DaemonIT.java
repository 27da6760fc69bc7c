package io.outpost.controlplane.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import io.outpost.lab.LabProcess;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The daemon's life: first start, refusal of a bad configuration, one daemon per state directory, SIGTERM. */
@Tag("lab")
class DaemonIT {
  Lab lab;
  Host host;

  @BeforeEach
  void lab() {
    lab = Lab.create("daemon");
    host = lab.host("appliance");
  }

  @AfterEach
  void close() {
    lab.close();
  }

  @Test
  void firstStartStoresTheFactoryDefaultAndSigtermExitsZero() throws Exception {
    try (OutpostDaemon d = OutpostDaemon.in(host, lab.workDir().resolve("state")).start()) {
      assertTrue(Files.readString(d.startupFile()).contains("\"host-name\": \"outpost\""));
      assertTrue(d.process().logText().matches("(?s).*level=info component=outpostd msg=\"outpostd ready\".*"),
          "structured logfmt lines on stdout");
      assertEquals(0, d.stop());
      String log = d.process().logText();
      assertTrue(log.contains("msg=\"outpostd stopped\""), log);
      assertFalse(Files.exists(d.socket()), "the socket is removed on the way out");
    }
  }

  @Test
  void aBadStartupConfigurationIsRefusedWithItsPathAndNothingStarts() throws Exception {
    OutpostDaemon d = OutpostDaemon.in(host, lab.workDir().resolve("state"));
    Files.createDirectories(d.startupFile().getParent());
    Files.writeString(d.startupFile(), """
        {"outpost-interfaces:interfaces": {"interface": [
          {"name": "eth0", "mtu": 20},
          {"name": "eth1", "ipv4": {"address": [{"ip": "192.0.2.300/24"}]}}]},
         "outpost-routing:routing": {"static": {"route": [{"prefix": "10.0.0.0/8"}]}}}
        """);
    LabProcess p = d.launch();
    assertEquals(2, p.waitFor(Duration.ofSeconds(60)));
    String log = p.logText();
    assertTrue(log.contains("refusing to start: " + d.startupFile()
        + ": interfaces interface eth0 mtu: 20 is out of range 68..65535"), log);
    assertTrue(log.contains("interfaces interface eth1 ipv4 address: entry 1, key ip: \"192.0.2.300/24\""), log);
    assertFalse(log.contains("outpostd ready"), log);
    assertFalse(Files.exists(d.socket()));
    assertEquals("", host.execOrThrow("ip", "-brief", "address", "show", "scope", "global").stdout().trim());
  }

  @Test
  void anInvalidButWellFormedStartupConfigurationIsRefusedToo() throws Exception {
    OutpostDaemon d = OutpostDaemon.in(host, lab.workDir().resolve("state"));
    Files.createDirectories(d.startupFile().getParent());
    Files.writeString(d.startupFile(), """
        {"outpost-routing:routing": {"static": {"route": [{"prefix": "10.0.0.0/8", "interface": "eth9"}]}}}
        """);
    LabProcess p = d.launch();
    assertEquals(2, p.waitFor(Duration.ofSeconds(60)));
    assertTrue(p.logText().contains("routing static route 10.0.0.0/8 interface: \"eth9\" does not exist"),
        p.logText());
  }

  @Test
  void aStartupConfigurationTheKernelRefusesStopsTheStartAndLeavesNothingApplied() throws Exception {
    host.execOrThrow("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
    // a macvlan reports a maximum MTU of 65535 but the kernel refuses one above its parent's
    host.execOrThrow("ip", "link", "add", "mv0", "link", "eth0", "type", "macvlan", "mode", "bridge");
    OutpostDaemon d = OutpostDaemon.in(host, lab.workDir().resolve("state"));
    Files.createDirectories(d.startupFile().getParent());
    Files.writeString(d.startupFile(), """
        {"outpost-interfaces:interfaces": {"interface": [
          {"name": "eth0", "ipv4": {"address": [{"ip": "192.0.2.1/24"}]}},
          {"name": "mv0", "mtu": 9000}]}}
        """);
    LabProcess p = d.launch();
    assertEquals(3, p.waitFor(Duration.ofSeconds(60)));
    assertTrue(p.logText().contains("refusing to start: cannot apply the startup configuration: interfaces:"
        + " interfaces interface mv0: the kernel refused to set mtu 9000 on mv0"), p.logText());
    assertEquals("", host.execOrThrow("ip", "-o", "address", "show", "scope", "global").stdout().trim(),
        "nothing of the refused configuration stays applied");
  }

  @Test
  void oneDaemonPerStateDirectory() {
    try (OutpostDaemon first = OutpostDaemon.in(host, lab.workDir().resolve("state")).start()) {
      LabProcess second = OutpostDaemon.in(host, lab.workDir().resolve("state")).launch();
      assertEquals(1, second.waitFor(Duration.ofSeconds(60)));
      assertTrue(second.logText().contains("another outpostd (pid "), second.logText());
      ExecResult stillServing = first.cli("show version");
      assertTrue(stillServing.ok(), stillServing.toString());
    }
  }
}
