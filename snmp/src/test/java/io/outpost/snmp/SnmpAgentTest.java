package io.outpost.snmp;

import static io.outpost.snmp.NetSnmp.concat;
import static io.outpost.snmp.NetSnmp.run;
import static io.outpost.snmp.NetSnmp.v3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.snmp.mib.HostResourcesMib;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;

/** The agent against net-snmp's snmpget, snmpwalk and snmpbulkwalk on loopback. */
class SnmpAgentTest {
  @TempDir
  static Path dir;
  static FakeSources state = new FakeSources();
  static SnmpAgent agent;
  static String address;

  static AgentSettings settings(List<AgentSettings.Community> communities) {
    return new AgentSettings(0, "noc@example.net", "rack 12", List.of(
        new AgentSettings.User("nms", AgentSettings.Auth.SHA_256, "auth-secret-1",
            AgentSettings.Priv.AES_128, "priv-secret-1", null),
        new AgentSettings.User("strong", AgentSettings.Auth.SHA_512, "auth-secret-2",
            AgentSettings.Priv.AES_256, null, null),
        new AgentSettings.User("ifonly", AgentSettings.Auth.SHA_256, "auth-secret-3",
            AgentSettings.Priv.AES_128, "priv-secret-3", "ifs")),
        communities, Map.of("ifs", new AgentSettings.View(
            List.of(new OID("1.3.6.1.2.1.2"), new OID("1.3.6.1.2.1.31")),
            List.of(new OID("1.3.6.1.2.1.31.1.1.1.18")))), List.of());
  }

  @BeforeAll
  static void start() throws Exception {
    state.interfaces = FakeSources.ethernet(3);
    agent = new SnmpAgent(EngineIdentity.boot(dir.resolve("engine")), state.sources(),
        new HostResourcesMib(Path.of("/proc"), List.of(Path.of("/")), "outpost test"), 200);
    agent.apply(settings(List.of()), SnmpAgent.open(0));
    address = "udp:127.0.0.1:" + agent.port();
  }

  @AfterAll
  static void stop() {
    agent.close();
  }

  static NetSnmp.Result nms(String tool, String... rest) throws Exception {
    return run(tool, concat(concat(v3("nms", "auth-secret-1", "priv-secret-1"), address), rest));
  }

  @Test
  void v3AuthPrivWithSha256AndAesReadsTheSystemGroup() throws Exception {
    NetSnmp.Result r = nms("snmpget", "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.4.0",
        "1.3.6.1.2.1.1.5.0");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains(".1.3.6.1.2.1.1.1.0 = STRING: \"Outpost test agent\""), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.1.4.0 = STRING: \"noc@example.net\""), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.1.5.0 = STRING: \"lab-1\""), r.out());
  }

  @Test
  void sha512AndAes256WorkWithNetSnmp() throws Exception {
    NetSnmp.Result r = run("snmpget", "-v3", "-l", "authPriv", "-u", "strong", "-a", "SHA-512",
        "-A", "auth-secret-2", "-x", "AES-256", "-X", "auth-secret-2", "-t", "2", "-r", "0",
        address, "1.3.6.1.2.1.1.5.0");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("STRING: \"lab-1\""), r.out());
  }

  @Test
  void aWrongKeyIsRefusedAndCounted() throws Exception {
    long before = agent.counters().get(SnmpConstants.usmStatsWrongDigests);
    NetSnmp.Result r = run("snmpget", concat(v3("nms", "not-the-secret", "priv-secret-1"),
        address, "1.3.6.1.2.1.1.5.0"));
    assertNotEquals(0, r.exit(), r.all());
    assertTrue(r.all().contains("Authentication failure"), r.all());
    assertEquals(before + 1, agent.counters().get(SnmpConstants.usmStatsWrongDigests));
  }

  @Test
  void anUnknownUserAndNoPrivacyAreRefused() throws Exception {
    NetSnmp.Result r = run("snmpget", concat(v3("nobody", "auth-secret-1", "priv-secret-1"),
        address, "1.3.6.1.2.1.1.5.0"));
    assertNotEquals(0, r.exit(), r.all());
    assertTrue(r.all().contains("Unknown user name"), r.all());
    // nms must use privacy: authNoPriv gets no view
    r = run("snmpget", "-v3", "-l", "authNoPriv", "-u", "nms", "-a", "SHA-256", "-A",
        "auth-secret-1", "-t", "2", "-r", "0", address, "1.3.6.1.2.1.1.5.0");
    assertFalse(r.out().contains("lab-1"), r.all());
  }

  @Test
  void v2cIsOffWithoutACommunity() throws Exception {
    NetSnmp.Result r = run("snmpget", "-v2c", "-c", "public", "-t", "1", "-r", "0", address,
        "1.3.6.1.2.1.1.5.0");
    assertNotEquals(0, r.exit(), r.all());
    assertTrue(r.all().contains("Timeout"), r.all());
  }

  @Test
  void aCommunityAnswersOnlyFromItsSources() throws Exception {
    agent.apply(settings(List.of(
        new AgentSettings.Community("lab", List.of(prefix("127.0.0.0", 8)), null),
        new AgentSettings.Community("far", List.of(prefix("192.0.2.0", 24)), null))), null);
    try {
      NetSnmp.Result r = run("snmpget", "-v2c", "-c", "lab", "-t", "2", "-r", "0", address,
          "1.3.6.1.2.1.1.5.0");
      assertEquals(0, r.exit(), r.all());
      assertTrue(r.out().contains("STRING: \"lab-1\""), r.out());
      long bad = agent.counters().get(SnmpConstants.snmpInBadCommunityNames);
      r = run("snmpget", "-v2c", "-c", "far", "-t", "1", "-r", "0", address, "1.3.6.1.2.1.1.5.0");
      assertTrue(r.all().contains("Timeout"), r.all());
      r = run("snmpget", "-v1", "-c", "public", "-t", "1", "-r", "0", address,
          "1.3.6.1.2.1.1.5.0");
      assertTrue(r.all().contains("Timeout"), r.all());
      assertEquals(bad + 2, agent.counters().get(SnmpConstants.snmpInBadCommunityNames));
      // read-only: a set is refused
      r = run("snmpset", "-v2c", "-c", "lab", "-t", "2", "-r", "0", address,
          "1.3.6.1.2.1.1.5.0", "s", "renamed");
      assertNotEquals(0, r.exit(), r.all());
      assertTrue(r.all().contains("authorizationError"), r.all()); // no write view (RFC 3415 §3.2)
    } finally {
      agent.apply(settings(List.of()), null);
    }
  }

  @Test
  void ifXTableBulkWalkMatchesTheInterfaces() throws Exception {
    NetSnmp.Result r = nms("snmpbulkwalk", "-Cr25", "1.3.6.1.2.1.31.1.1.1");
    assertEquals(0, r.exit(), r.all());
    for (var row : state.interfaces) {
      int x = row.index();
      assertTrue(r.out().contains(".1.3.6.1.2.1.31.1.1.1.1." + x + " = STRING: \"" + row.name()
          + "\""), r.out());
      assertTrue(r.out().contains(".1.3.6.1.2.1.31.1.1.1.6." + x + " = Counter64: "
          + row.counters().inOctets() + "\n"), r.out());
      assertTrue(r.out().contains(".1.3.6.1.2.1.31.1.1.1.10." + x + " = Counter64: "
          + row.counters().outOctets() + "\n"), r.out());
      assertTrue(r.out().contains(".1.3.6.1.2.1.31.1.1.1.15." + x + " = Gauge32: 10000\n"),
          r.out());
    }
    assertEquals(19 * state.interfaces.size(), r.out().lines().count(), r.out());
  }

  @Test
  void ifTableCountersAreTheLowHalves() throws Exception {
    NetSnmp.Result r = nms("snmpwalk", "1.3.6.1.2.1.2");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains(".1.3.6.1.2.1.2.1.0 = INTEGER: 3"), r.out());
    var row = state.interfaces.get(2);
    assertTrue(r.out().contains(".1.3.6.1.2.1.2.2.1.10." + row.index() + " = Counter32: "
        + (row.counters().inOctets() & 0xffffffffL) + "\n"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.2.2.1.8." + state.interfaces.get(1).index()
        + " = INTEGER: 2"), r.out());
  }

  @Test
  void aViewLimitsWhatAUserReads() throws Exception {
    String[] ifonly = v3("ifonly", "auth-secret-3", "priv-secret-3");
    NetSnmp.Result r = run("snmpget", concat(ifonly, address, "1.3.6.1.2.1.1.5.0",
        "1.3.6.1.2.1.31.1.1.1.18.2", "1.3.6.1.2.1.31.1.1.1.1.2"));
    assertTrue(r.out().contains(".1.3.6.1.2.1.1.5.0 = No Such Object"), r.all());
    assertTrue(r.out().contains(".1.3.6.1.2.1.31.1.1.1.18.2 = No Such Object"), r.all());
    assertTrue(r.out().contains(".1.3.6.1.2.1.31.1.1.1.1.2 = STRING: \"eth0\""), r.all());
    r = run("snmpwalk", concat(ifonly, address, "1.3.6.1"));
    assertEquals(0, r.exit(), r.all());
    for (String line : r.out().split("\n")) {
      assertTrue(line.startsWith(".1.3.6.1.2.1.2.") || (line.startsWith(".1.3.6.1.2.1.31.")
          && !line.startsWith(".1.3.6.1.2.1.31.1.1.1.18.")), line);
    }
  }

  @Test
  void theOtherMibsWalk() throws Exception {
    NetSnmp.Result r = nms("snmpwalk", "1.3.6.1.2.1.4");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains(".1.3.6.1.2.1.4.20.1.2.192.0.2.1 = INTEGER: 2"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.4.20.1.3.192.0.2.1 = IpAddress: 255.255.255.0"),
        r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.4.34.1.3.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1"
        + " = INTEGER: 2"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.4.24.6.0 = Gauge32: 3"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.4.24.7.1.9.1.4.0.0.0.0.0.2.0.0.1.4.192.0.2.254"
        + " = INTEGER: 3"), r.out());
    r = nms("snmpwalk", "1.3.6.1.2.1.15");
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.2.0 = INTEGER: 23456"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.4.0 = IpAddress: 192.0.2.1"), r.out());
    String path = ".198.51.100.0.24.192.0.2.";
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.6.1.13" + path + "9 = INTEGER: 2"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.6.1.13" + path + "10 = INTEGER: 1"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.6.1.5" + path + "9 = Hex-STRING: 02 02 FD E9 5B A0"),
        "AS path 65001 and a 4-octet AS as AS_TRANS: " + r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.6.1.4" + path + "10 = INTEGER: 3"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.6.1.8" + path + "10 = INTEGER: 200"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.15.6.1.11" + path + "10 = IpAddress: 10.0.0.1"),
        r.out());
    r = nms("snmpwalk", "1.3.6.1.2.1.99");
    assertTrue(r.out().contains(".1.3.6.1.2.1.99.1.1.1.4.2 = INTEGER: 455"), r.out());
    r = nms("snmpwalk", "1.3.6.1.2.1.47");
    assertTrue(r.out().contains(".1.3.6.1.2.1.47.1.1.1.1.7.2 = STRING: \"cpu-temp\""), r.out());
    r = nms("snmpwalk", "1.3.6.1.2.1.25");
    assertTrue(r.out().contains(".1.3.6.1.2.1.25.4.2.1.1." + ProcessHandle.current().pid()
        + " = INTEGER: " + ProcessHandle.current().pid()), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.25.3.3.1.2.768 = INTEGER: "), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.25.2.3.1.3.1 = STRING: \"Physical memory\""),
        r.out());
  }

  @Test
  void theWholeTreeWalksInOrderAndEnds() throws Exception {
    NetSnmp.Result r = nms("snmpbulkwalk", "1.3.6.1");
    assertEquals(0, r.exit(), r.all());
    OID last = null;
    Pattern p = Pattern.compile("^\\.([0-9.]+) = (?!No more variables)", Pattern.MULTILINE);
    Matcher m = p.matcher(r.out());
    int n = 0;
    while (m.find()) {
      OID oid = new OID(m.group(1));
      if (last != null) {
        assertTrue(oid.compareTo(last) > 0, last + " then " + oid);
      }
      last = oid;
      n++;
    }
    assertTrue(n > 200, r.out());
    assertTrue(r.out().contains(".1.3.6.1.6.3.10.2.1.1.0 = Hex-STRING: "), r.out());
  }

  @Test
  void malformedAndOversizedInputIsDroppedAndTheAgentStaysUp() throws Exception {
    long parseErrors = agent.counters().get(SnmpConstants.snmpInASNParseErrs);
    try (DatagramSocket s = new DatagramSocket()) {
      InetAddress lo = InetAddress.getLoopbackAddress();
      byte[][] junk = {{0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
          {0x30, 0x03, 0x02, 0x01}, "GET / HTTP/1.0\r\n\r\n".getBytes(),
          new byte[65000], {0x30, 0x0a, 0x02, 0x01, 0x09, 0x04, 0x03, 'l', 'a', 'b', 0x00, 0x00}};
      for (byte[] j : junk) {
        s.send(new DatagramPacket(j, j.length, lo, agent.port()));
      }
    }
    NetSnmp.Result r = nms("snmpget", "1.3.6.1.2.1.1.5.0");
    assertEquals(0, r.exit(), r.all());
    assertTrue(agent.counters().get(SnmpConstants.snmpInASNParseErrs) > parseErrors);
    // GETBULK asking for a million repetitions gets what fits in one message
    r = nms("snmpbulkget", "-Cn0", "-Cr1000000", "1.3.6.1");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().lines().count() > 20, r.out());
    // unknown OIDs: noSuchObject for get, endOfMibView past the end
    r = nms("snmpget", "1.3.6.1.4.1.99999.1.0", "1.3.6.1.2.1.2.2.1.2.999");
    assertTrue(r.out().contains(".1.3.6.1.4.1.99999.1.0 = No Such Object"), r.out());
    assertTrue(r.out().contains(".1.3.6.1.2.1.2.2.1.2.999 = No Such Instance"), r.out());
    r = nms("snmpgetnext", "1.3.6.1.6.3.99");
    assertTrue(r.out().contains("No more variables left in this MIB View"), r.out());
  }

  static AgentSettings.Prefix prefix(String network, int length) {
    return new AgentSettings.Prefix(FakeSources.ip(network), length);
  }
}
