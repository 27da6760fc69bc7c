package io.outpost.snmp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.snmp.mib.HostResourcesMib;
import io.outpost.snmp.notify.AlarmEvent;
import io.outpost.snmp.source.BgpPeerRow;
import io.outpost.snmp.source.InterfaceRow;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's notifications as net-snmp's snmptrapd receives them: coldStart when it is first
 * configured, linkDown and linkUp, the BGP4-MIB transitions and OUTPOST-MIB alarms, each sent
 * both as an SNMPv2c trap and as an SNMPv3 authPriv trap.
 */
class NotificationsTest {
  @TempDir
  Path dir;

  @Test
  void everyKindOfNotificationReachesSnmptrapdOverV2cAndV3() throws Exception {
    FakeSources state = new FakeSources();
    state.interfaces = FakeSources.ethernet(2);
    state.peers = List.of(peer(3));
    EngineIdentity engine = EngineIdentity.boot(dir.resolve("engine"));
    try (SnmpAgent agent = new SnmpAgent(engine, state.sources(), new HostResourcesMib(
        Path.of("/proc"), List.of(), "outpost test"), 100);
        TrapReceiver trapd = new TrapReceiver(dir, HexFormat.of().formatHex(
            engine.engineId().getValue()), "nms", "auth-secret-1", "priv-secret-1",
            "trap-community")) {
      InetAddress lo = InetAddress.getLoopbackAddress();
      agent.apply(new AgentSettings(0, "", "", List.of(new AgentSettings.User("nms",
          AgentSettings.Auth.SHA_256, "auth-secret-1", AgentSettings.Priv.AES_128,
          "priv-secret-1", null)), List.of(), Map.of(), List.of(
          new AgentSettings.TrapTarget("v2", lo, trapd.port, "trap-community", null),
          new AgentSettings.TrapTarget("v3", lo, trapd.port, null, "nms"))),
          SnmpAgent.open(0));
      Duration wait = Duration.ofSeconds(15);
      trapd.await(log -> count(log, "= OID: .1.3.6.1.6.3.1.1.5.1") == 2, wait, "two coldStarts");
      Thread.sleep(300); // the watcher has learned the first state

      List<InterfaceRow> rows = new ArrayList<>(state.interfaces);
      InterfaceRow eth0 = rows.get(0);
      rows.set(0, new InterfaceRow(eth0.index(), eth0.name(), eth0.alias(), eth0.type(),
          eth0.mtu(), eth0.speed(), eth0.mac(), true, 2, 0, eth0.counters()));
      state.interfaces = rows;
      String log = trapd.await(l -> count(l, "= OID: .1.3.6.1.6.3.1.1.5.3") == 2, wait,
          "linkDown twice");
      assertTrue(log.contains(".1.3.6.1.2.1.2.2.1.1.2 = INTEGER: 2"), log);
      assertTrue(log.contains(".1.3.6.1.2.1.2.2.1.8.2 = INTEGER: 2"), log);

      state.peers = List.of(peer(6));
      trapd.await(l -> count(l, "= OID: .1.3.6.1.2.1.15.0.1") == 2, wait, "bgpEstablished");
      state.peers = List.of(peer(1));
      log = trapd.await(l -> count(l, "= OID: .1.3.6.1.2.1.15.0.2") == 2, wait,
          "bgpBackwardTransition");
      assertTrue(log.contains(".1.3.6.1.2.1.15.3.1.7.192.0.2.9 = IpAddress: 192.0.2.9"), log);
      assertTrue(log.contains(".1.3.6.1.2.1.15.3.1.2.192.0.2.9 = INTEGER: 1"), log);

      agent.alarm(new AlarmEvent(7, true, 1, "sensor cpu-temp", "cpu-temp 95.5 C", 2));
      log = trapd.await(l -> count(l, "= OID: .1.3.6.1.4.1.32473.1.2.0.1") == 2, wait,
          "the alarm");
      assertTrue(log.contains(".1.3.6.1.4.1.32473.1.2.1.4.0 = STRING: \"cpu-temp 95.5 C\""),
          log);
      assertTrue(log.contains(".1.3.6.1.2.1.99.1.1.1.4.2 = INTEGER: 455"), log);
      assertTrue(log.contains("[127.0.0.1]"), log);
    }
  }

  static BgpPeerRow peer(int state) {
    return new BgpPeerRow(FakeSources.ip("192.0.2.9"), "192.0.2.9", state, true, null, 0, 0,
        65001, 0, 0, 0, 0, state == 1 ? 6 : 0, state == 1 ? 2 : 0, state == 3 ? 0 : 1, 0, 120,
        90, 30, 90, 30, 0);
  }

  static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
