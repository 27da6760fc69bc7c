package io.outpost.controlplane.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import io.outpost.lab.LabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The SNMP agent of the real daemon, asked by net-snmp's tools from a management host and
 * checked against the appliance's live state: the data plane's counters after real traffic,
 * a real BGP session with BIRD, the hardware monitor reading the lab's hwmon directory, the
 * kernel's addresses and links. snmptrapd on the management host receives the traps.
 *
 * <pre>
 *   nms 10.1.0.2 ── eth0 [ outpost AS 65001, data plane ] eth1 ── eth0 [ bird AS 65002 ] 10.0.12.2
 * </pre>
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnmpIT {
  static final String[] V3 = {"-v3", "-l", "authPriv", "-u", "nms", "-a", "SHA-256", "-A",
      "nms-auth-pass", "-x", "AES", "-X", "nms-priv-pass", "-t", "2", "-r", "1", "-On"};
  static final String AGENT = "udp:10.1.0.1:161";
  static Lab lab;
  static Host nms;
  static Host appliance;
  static Host router;
  static OutpostDaemon daemon;
  static LabProcess bird;
  static LabProcess trapd;
  static Path trapLog;
  static Path hwmon;

  @BeforeAll
  static void start() throws Exception {
    lab = Lab.create("snmp");
    nms = lab.host("nms");
    appliance = lab.host("outpost");
    router = lab.host("bird");
    lab.link(nms, "eth0", appliance, "eth0");
    lab.link(appliance, "eth1", router, "eth0");
    nms.address("eth0", "10.1.0.2/24").route("default", "10.1.0.1");
    router.address("eth0", "10.0.12.2/24").route("10.1.0.0/24", "10.0.12.1");
    appliance.sysctl("net.ipv4.ip_forward", "0");
    for (Host h : new Host[] {nms, router}) {
      h.execOrThrow("ethtool", "-K", "eth0", "tx", "off"); // see DataplaneIT
    }
    // a kernel-only link to take down and up: lab0's carrier follows lab1
    appliance.execOrThrow("ip", "link", "add", "lab0", "type", "veth", "peer", "name", "lab1");
    appliance.execOrThrow("ip", "link", "set", "lab0", "up");
    appliance.execOrThrow("ip", "link", "set", "lab1", "up");
    hwmon = Files.createDirectories(lab.workDir().resolve("hardware/sys/class/hwmon/hwmon2"));
    Files.writeString(hwmon.resolve("name"), "outpost_lab\n");
    Files.writeString(hwmon.resolve("temp1_label"), "Lab board\n");
    Files.writeString(hwmon.resolve("temp1_input"), "41000\n");
    Files.writeString(hwmon.resolve("fan1_input"), "2400\n");
    Path birdConf = lab.workDir().resolve("bird.conf");
    Files.writeString(birdConf, """
        router id 10.0.12.2;
        protocol device {}
        protocol static { ipv4; route 198.51.100.0/24 blackhole; }
        protocol bgp outpost {
          local 10.0.12.2 as 65002; neighbor 10.0.12.1 as 65001; hold time 9;
          connect retry time 1; error wait time 1, 2;
          ipv4 { import all; export all; };
        }
        """);
    bird = router.spawn("bird", "bird", "-f", "-c", birdConf.toString(), "-s",
        lab.workDir().resolve("bird.ctl").toString(), "-P",
        lab.workDir().resolve("bird.pid").toString());
    daemon = OutpostDaemon.in(appliance, lab.workDir().resolve("state"))
        .withArgs("--hardware-root", lab.workDir().resolve("hardware").toString()).start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {daemon, trapd, bird, lab}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the lab's own sweep ends what is left
      }
    }
  }

  static ExecResult ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  static ExecResult snmp(Host from, String tool, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = tool;
    System.arraycopy(args, 0, command, 1, args.length);
    return from.exec(Duration.ofSeconds(60), command);
  }

  static String[] v3(String... rest) {
    String[] all = java.util.Arrays.copyOf(V3, V3.length + 1 + rest.length);
    all[V3.length] = AGENT;
    System.arraycopy(rest, 0, all, V3.length + 1, rest.length);
    return all;
  }

  @Test
  @Order(1)
  void nothingAnswersBeforeSnmpIsConfigured() {
    ExecResult r = snmp(nms, "snmpget", "-v2c", "-c", "public", "-t", "1", "-r", "0", AGENT,
        "1.3.6.1.2.1.1.5.0");
    assertNotEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("Timeout"), r.toString());
    assertTrue(ok(daemon.cli("show snmp")).stdout().contains("SNMP is not configured"));
  }

  @Test
  @Order(2)
  void theAppliancesStateIsConfiguredAndTrapdListens() throws Exception {
    String engineFile = lab.workDir().resolve("state/snmp-engine").toString();
    assertTrue(!Files.exists(Path.of(engineFile)), "no engine before the agent is configured");
    ok(daemon.cli("configure;"
        + " set system host-name edge-snmp;"
        + " set system hardware profile netns-lab; set system hardware poll-interval 1;"
        + " set interfaces interface eth0 description \"to the NMS\";"
        + " set interfaces interface eth0 ipv4 address 10.1.0.1/24;"
        + " set interfaces interface eth1 ipv4 address 10.0.12.1/24;"
        + " set dataplane port eth0; set dataplane port eth1;"
        + " set policy policy-statement all default-action accept;"
        + " set protocols bgp local-as 65001; set protocols bgp router-id 10.0.12.1;"
        + " set protocols bgp neighbor 10.0.12.2 remote-as 65002;"
        + " set protocols bgp neighbor 10.0.12.2 import-policy all;"
        + " set protocols bgp neighbor 10.0.12.2 export-policy all;"
        + " set protocols bgp neighbor 10.0.12.2 hold-time 9;"
        + " set protocols bgp neighbor 10.0.12.2 connect-retry 1;"
        + " set snmp contact noc@example.net; set snmp location \"lab rack 1\";"
        + " set snmp user nms auth-password nms-auth-pass;"
        + " set snmp user nms priv-password nms-priv-pass; commit"));
    String show = ok(daemon.cli("show snmp")).stdout();
    Matcher m = Pattern.compile("Engine ID: ([0-9a-f]+)").matcher(show);
    assertTrue(m.find(), show);
    assertTrue(Files.readString(Path.of(engineFile)).contains("engine-id " + m.group(1)));
    trapLog = lab.workDir().resolve("traps.log");
    Path conf = lab.workDir().resolve("snmptrapd.conf");
    Files.writeString(conf, "createUser -e 0x" + m.group(1) + " nms SHA-256 nms-auth-pass AES"
        + " nms-priv-pass\nauthUser log nms\nauthCommunity log lab-traps\n");
    Path persist = Files.createDirectories(lab.workDir().resolve("trapd-persist"));
    trapd = nms.spawn("snmptrapd", java.util.List.of("snmptrapd", "-f", "-C", "-c",
        conf.toString(), "-On", "-n", "-Lf", trapLog.toString(), "udp:10.1.0.2:162"),
        Map.of("SNMP_PERSISTENT_DIR", persist.toString(), "MIBS", ""));
    until(() -> Files.exists(trapLog) && Files.readString(trapLog).contains("NET-SNMP"),
        "snmptrapd started");
    ok(daemon.cli("configure; set snmp trap-target v2 address 10.1.0.2;"
        + " set snmp trap-target v2 community lab-traps;"
        + " set snmp trap-target v3 address 10.1.0.2; set snmp trap-target v3 user nms; commit"));
  }

  @Test
  @Order(3)
  void v3AuthPrivReadsTheSystemGroupAndAWrongKeyIsRefused() {
    ExecResult r = ok(snmp(nms, "snmpget", v3("1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.4.0",
        "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.6.0")));
    assertTrue(r.stdout().contains(".1.3.6.1.2.1.1.1.0 = STRING: \"Outpost "), r.stdout());
    assertTrue(r.stdout().contains("Outpost network-namespace lab"), r.stdout());
    assertTrue(r.stdout().contains(".1.3.6.1.2.1.1.4.0 = STRING: \"noc@example.net\""),
        r.stdout());
    assertTrue(r.stdout().contains(".1.3.6.1.2.1.1.5.0 = STRING: \"edge-snmp\""), r.stdout());
    assertTrue(r.stdout().contains(".1.3.6.1.2.1.1.6.0 = STRING: \"lab rack 1\""), r.stdout());
    ExecResult wrong = snmp(nms, "snmpget", "-v3", "-l", "authPriv", "-u", "nms", "-a",
        "SHA-256", "-A", "not-the-password", "-x", "AES", "-X", "nms-priv-pass", "-t", "2", "-r",
        "0", AGENT, "1.3.6.1.2.1.1.5.0");
    assertNotEquals(0, wrong.exitCode(), wrong.toString());
    assertTrue(wrong.stderr().contains("Authentication failure"), wrong.toString());
    assertTrue(ok(daemon.cli("show snmp")).stdout().matches(
        "(?s).*Wrong SNMPv3 keys \\(digests\\):\\s+[1-9].*"));
  }

  @Test
  @Order(4)
  void v2cIsOffUntilACommunityIsConfiguredAndThenOnlyFromItsSources() {
    String[] get = {"-v2c", "-c", "lab-ro", "-t", "1", "-r", "0", "-On", AGENT,
        "1.3.6.1.2.1.1.5.0"};
    assertTrue(snmp(nms, "snmpget", get).stderr().contains("Timeout"), "v2c off by default");
    ok(daemon.cli("configure; set snmp community lab-ro source 10.1.0.0/24; commit"));
    ExecResult r = ok(snmp(nms, "snmpget", get));
    assertTrue(r.stdout().contains("STRING: \"edge-snmp\""), r.toString());
    ExecResult far = snmp(router, "snmpget", "-v2c", "-c", "lab-ro", "-t", "1", "-r", "0",
        "udp:10.0.12.1:161", "1.3.6.1.2.1.1.5.0");
    assertTrue(far.stderr().contains("Timeout"), "from outside the community's sources: " + far);
  }

  @Test
  @Order(5)
  void ifMibCountersAreTheDataPlanesAfterRealTraffic() throws Exception {
    until(() -> nms.exec("ping", "-c", "1", "-W", "1", "10.0.12.2").ok(), "forwarding");
    int eth0 = ifIndex("eth0");
    long before = ifHc("6", eth0);
    ok(nms.exec(Duration.ofSeconds(30), "ping", "-c", "40", "-i", "0.05", "-s", "1000",
        "10.0.12.2"));
    // Quiet for longer than the agent's tables may be old (docs/snmp.md: about 1.25 s), so the
    // next request reads the counters afresh; the CLI's reads add no traffic on eth0.
    Thread.sleep(3_000);
    String cliBefore = ok(daemon.cli("show interfaces eth0")).stdout();
    long packets = ifHc("7", eth0);
    String cliAfter = ok(daemon.cli("show interfaces eth0")).stdout();
    long octets = ifHc("6", eth0);
    assertTrue(octets - before >= 40 * 1042, "40 echo requests of 1042 octets: " + before
        + " then " + octets);
    long lo = forwarded(cliBefore);
    long hi = forwarded(cliAfter);
    // The reading may be a quarter second old (shared with the link watcher): an ARP or ND
    // packet in that time is the most it can lack. The kernel mirror's counters, which the
    // agent would show were it reading those, miss all 40 forwarded pings.
    assertTrue(lo - 3 <= packets && packets <= hi, "ifHCInUcastPkts " + packets
        + " lies between the data plane's counts before (" + lo + ") and after (" + hi + ")");
    ExecResult alias = ok(snmp(nms, "snmpget", v3("1.3.6.1.2.1.31.1.1.1.18." + eth0,
        "1.3.6.1.2.1.31.1.1.1.1." + eth0)));
    assertTrue(alias.stdout().contains("STRING: \"to the NMS\""), alias.stdout());
    assertTrue(alias.stdout().contains("STRING: \"eth0\""), alias.stdout());
    ExecResult addr = ok(snmp(nms, "snmpget", v3("1.3.6.1.2.1.4.20.1.2.10.1.0.1")));
    assertTrue(addr.stdout().contains("INTEGER: " + eth0), addr.stdout());
  }

  @Test
  @Order(6)
  void bgp4MibShowsTheSessionWithBirdAndItsTrapArrives() throws Exception {
    until(() -> ok(daemon.cli("show bgp summary")).stdout().matches(
        "(?s).*10\\.0\\.12\\.2\\s+65002\\s+\\d+\\s+\\d+\\s+\\S+\\s+\\d+\\s.*"), "established");
    // The tables are snapshots up to 5 s old, and BIRD's UPDATE follows the session's start:
    // walk until they show it.
    String[] walked = {""};
    until(() -> (walked[0] = ok(snmp(nms, "snmpwalk", v3("1.3.6.1.2.1.15"))).stdout())
        .matches("(?s).*\\.1\\.3\\.6\\.1\\.2\\.1\\.15\\.3\\.1\\.10\\.10\\.0\\.12\\.2"
        + " = Counter32: [1-9].*") && walked[0].contains(".1.3.6.1.2.1.15.6.1.13.198.51.100.0.24"),
        "BGP4-MIB with BIRD's UPDATE and path");
    String r = walked[0];
    assertTrue(r.contains(".1.3.6.1.2.1.15.3.1.2.10.0.12.2 = INTEGER: 6"), r);
    assertTrue(r.contains(".1.3.6.1.2.1.15.3.1.9.10.0.12.2 = INTEGER: 65002"), r);
    assertTrue(r.contains(".1.3.6.1.2.1.15.2.0 = INTEGER: 65001"), r);
    String path = ".198.51.100.0.24.10.0.12.2 = ";
    assertTrue(r.contains(".1.3.6.1.2.1.15.6.1.13" + path + "INTEGER: 2"),
        "BIRD's path is the best: " + r);
    assertTrue(r.contains(".1.3.6.1.2.1.15.6.1.5" + path + "Hex-STRING: 02 01 FD EA"),
        "its AS path is 65002: " + r);
    assertTrue(r.contains(".1.3.6.1.2.1.15.6.1.6" + path + "IpAddress: 10.0.12.2"), r);
    until(() -> (walked[0] = ok(snmp(nms, "snmpwalk", v3("1.3.6.1.2.1.4.24.7.1.9"))).stdout())
        .contains(".1.3.6.1.2.1.4.24.7.1.9.1.4.198.51.100.0.24.2.0.0.1.4.10.0.12.2 = INTEGER: 14"),
        "BIRD's route in inetCidrRouteTable, proto bgp");
    assertTrue(walked[0].contains(".1.3.6.1.2.1.4.24.7.1.9.1.4.10.1.0.0.24.2.0.0.0.0"
        + " = INTEGER: 2"), "the connected route, proto local: " + walked[0]);
    ok(daemon.cli("clear bgp neighbor 10.0.12.2"));
    traps(log -> count(log, "= OID: .1.3.6.1.2.1.15.0.2") == 2, "bgpBackwardTransNotification"
        + " (v2c and v3) when the session is reset");
    String log = traps(l -> count(l, "= OID: .1.3.6.1.2.1.15.0.1") >= 2,
        "bgpEstablishedNotification (v2c and v3) when it is up again");
    assertTrue(log.contains(".1.3.6.1.2.1.15.3.1.7.10.0.12.2 = IpAddress: 10.0.12.2"), log);
  }

  static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  @Order(7)
  void aLinkGoingDownAndUpIsTrapped() throws Exception {
    int lab0 = ifIndex("lab0");
    appliance.execOrThrow("ip", "link", "set", "lab1", "down");
    traps(log -> log.contains("= OID: .1.3.6.1.6.3.1.1.5.3") && log.contains(
        ".1.3.6.1.2.1.2.2.1.1." + lab0 + " = INTEGER: " + lab0), "linkDown of lab0");
    until(() -> ok(snmp(nms, "snmpget", v3("1.3.6.1.2.1.2.2.1.8." + lab0))).stdout()
        .matches("(?s).*INTEGER: (2|7).*"), "ifOperStatus down or lowerLayerDown");
    appliance.execOrThrow("ip", "link", "set", "lab1", "up");
    traps(log -> log.contains("= OID: .1.3.6.1.6.3.1.1.5.4"), "linkUp of lab0");
  }

  @Test
  @Order(8)
  void entityMibShowsTheProfileAndASensorCrossingIsTrapped() throws Exception {
    until(() -> ok(snmp(nms, "snmpwalk", v3("1.3.6.1.2.1.99"))).stdout().contains(
        " = INTEGER: 41\n"), "the sensor's reading");
    ExecResult names = ok(snmp(nms, "snmpwalk", v3("1.3.6.1.2.1.47.1.1.1.1.7")));
    assertTrue(names.stdout().contains("STRING: \"netns-lab\""), names.stdout());
    Files.writeString(hwmon.resolve("temp1_input"), "72500\n");
    String log = traps(l -> l.contains(".1.3.6.1.4.1.32473.1.2.0.1"), "the alarm raised");
    assertTrue(log.contains("Lab board 72.5 C, at or above its critical threshold 70"), log);
    assertTrue(log.matches("(?s).*\\.1\\.3\\.6\\.1\\.2\\.1\\.99\\.1\\.1\\.1\\.4\\.\\d+ = INTEGER:"
        + " 725.*"), "the reading, one decimal: " + log);
    Files.writeString(hwmon.resolve("temp1_input"), "41000\n");
    traps(l -> l.contains(".1.3.6.1.4.1.32473.1.2.0.2"), "the alarm cleared");
  }

  @Test
  @Order(9)
  void hostResourcesShowTheDaemon() {
    ExecResult r = ok(snmp(nms, "snmpwalk", v3("1.3.6.1.2.1.25.4.2.1.2")));
    assertTrue(r.stdout().contains("STRING: \"java\""), r.stdout());
    ExecResult storage = ok(snmp(nms, "snmpwalk", v3("1.3.6.1.2.1.25.2.3.1.3")));
    assertTrue(storage.stdout().contains("Physical memory"), storage.stdout());
  }

  @Test
  @Order(10)
  void aPortThatIsTakenRefusesTheCommitAndTheAgentKeepsItsOwn() throws Exception {
    LabProcess holder = appliance.spawn("udp-1999", "python3", "-c", "import socket, time;"
        + " s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(('::', 1999));"
        + " print('bound', flush=True); time.sleep(120)");
    try {
      until(() -> holder.logText().contains("bound"), "the port taken");
      ExecResult check = daemon.cli("configure; set snmp port 1999; commit check");
      assertTrue(check.stderr().contains("snmp port: cannot listen on UDP port 1999"),
          check.toString());
      ExecResult commit = daemon.cli("configure; set snmp port 1999; commit");
      assertNotEquals(0, commit.exitCode(), commit.toString());
      assertTrue(commit.stderr().contains("snmp port: cannot listen on UDP port 1999"),
          commit.toString());
      ExecResult still = ok(snmp(nms, "snmpget", v3("1.3.6.1.2.1.1.5.0")));
      assertTrue(still.stdout().contains("edge-snmp"), still.toString());
      ok(daemon.cli("configure; set snmp port 1161; commit"));
      ExecResult moved = ok(snmp(nms, "snmpget", java.util.Arrays.stream(v3("1.3.6.1.2.1.1.5.0"))
          .map(a -> a.equals(AGENT) ? "udp:10.1.0.1:1161" : a).toArray(String[]::new)));
      assertTrue(moved.stdout().contains("edge-snmp"), "moved without a restart: " + moved);
      assertTrue(snmp(nms, "snmpget", v3("1.3.6.1.2.1.1.5.0")).stderr().contains("Timeout"),
          "nothing on the old port");
    } finally {
      holder.close();
    }
  }

  static long forwarded(String show) {
    Matcher m = Pattern.compile("Forwarded input:\\s+(\\d+) packets").matcher(show);
    assertTrue(m.find(), show);
    return Long.parseLong(m.group(1));
  }

  static int ifIndex(String name) {
    return Integer.parseInt(appliance.execOrThrow("cat", "/sys/class/net/" + name + "/ifindex")
        .stdout().strip());
  }

  /** An ifXTable Counter64 column of one interface. */
  static long ifHc(String column, int index) {
    ExecResult r = ok(snmp(nms, "snmpget", v3("1.3.6.1.2.1.31.1.1.1." + column + "." + index)));
    Matcher m = Pattern.compile("Counter64: (\\d+)").matcher(r.stdout());
    assertTrue(m.find(), r.stdout());
    return Long.parseLong(m.group(1));
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void until(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("waited 40 s for " + what);
  }

  /** Waits until snmptrapd's log satisfies {@code done}; returns the log. */
  static String traps(Predicate<String> done, String what) throws Exception {
    String[] log = {""};
    try {
      until(() -> done.test(log[0] = Files.readString(trapLog)), what);
    } catch (AssertionError e) {
      throw new AssertionError("waited 40 s for " + what + "; snmptrapd logged:\n" + log[0]);
    }
    return log[0];
  }
}
