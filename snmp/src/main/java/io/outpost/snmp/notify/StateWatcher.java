package io.outpost.snmp.notify;

import io.outpost.snmp.mib.Bgp4Mib;
import io.outpost.snmp.mib.EntityMib;
import io.outpost.snmp.mib.OutpostMib;
import io.outpost.snmp.mo.Index;
import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.source.BgpPeerRow;
import io.outpost.snmp.source.InterfaceRow;
import io.outpost.snmp.source.SensorRow;
import io.outpost.snmp.source.Sources;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * Turns changes of state into notifications, one {@link #poll} at a time: an interface whose
 * ifOperStatus goes to or from up (linkUp, linkDown: RFC 2863), a BGP neighbor reaching
 * Established or falling back from a higher state (bgpEstablishedNotification,
 * bgpBackwardTransNotification: RFC 4273), and the alarms {@link #alarm} queued since the last
 * poll (OUTPOST-MIB). The first poll only learns the state; an appliance that starts with a link
 * down has sent coldStart, not linkDown.
 *
 * <p>Alarms are queued, not sent where they are raised: the monitor raises them before it
 * publishes the readings that caused them, and the notification carries the reading.
 */
public final class StateWatcher {
  private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");
  private static final OID IF_ADMIN_STATUS = new OID("1.3.6.1.2.1.2.2.1.7");
  private static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");
  private static final OID PEER_REMOTE_ADDR = new OID("1.3.6.1.2.1.15.3.1.7");
  private static final OID PEER_LAST_ERROR = new OID("1.3.6.1.2.1.15.3.1.14");
  private static final OID PEER_STATE = new OID("1.3.6.1.2.1.15.3.1.2");

  private final Sources sources;
  private final BiConsumer<OID, VariableBinding[]> send;
  private final Queue<AlarmEvent> alarms = new ConcurrentLinkedQueue<>();
  private Map<Integer, Integer> links;
  /** Per neighbor: its state and how many times it was established, at the last poll. */
  private Map<String, long[]> peers;

  /** @param send sends one notification with its bindings (after sysUpTime and the trap OID) */
  public StateWatcher(Sources sources, BiConsumer<OID, VariableBinding[]> send) {
    this.sources = sources;
    this.send = send;
  }

  /** Queues an alarm's notification for the next poll. */
  public void alarm(AlarmEvent event) {
    alarms.add(event);
  }

  /** Compares the state with the last poll's and sends what changed. */
  public synchronized void poll() {
    pollLinks(sources.interfaces().interfaces());
    pollPeers(sources.bgp().peers());
    if (!alarms.isEmpty()) {
      List<SensorRow> sensors = sources.entities().sensors();
      AlarmEvent a;
      while ((a = alarms.poll()) != null) {
        sendAlarm(a, sensors);
      }
    }
  }

  private void pollLinks(List<InterfaceRow> rows) {
    Map<Integer, Integer> now = new HashMap<>();
    for (InterfaceRow r : rows) {
      now.put(r.index(), r.operStatus());
      Integer before = links == null ? null : links.get(r.index());
      if (before != null && (before == 1) != (r.operStatus() == 1)) {
        OID x = new OID(new int[] {r.index()});
        send.accept(r.operStatus() == 1 ? SnmpConstants.linkUp : SnmpConstants.linkDown,
            new VariableBinding[] {
                new VariableBinding(new OID(IF_INDEX).append(x), Smi.integer(r.index())),
                new VariableBinding(new OID(IF_ADMIN_STATUS).append(x),
                    Smi.integer(r.adminUp() ? 1 : 2)),
                new VariableBinding(new OID(IF_OPER_STATUS).append(x),
                    Smi.integer(r.operStatus()))});
      }
    }
    links = now;
  }

  /**
   * A neighbor's transitions since the last poll, from its state and its count of
   * establishments: a session reset and re-established between two polls still sends both
   * notifications, in the order they happened.
   */
  private void pollPeers(List<BgpPeerRow> rows) {
    Map<String, long[]> now = new HashMap<>();
    for (BgpPeerRow p : rows) {
      if (!(p.remoteAddress() instanceof Inet4Address v4)) {
        continue; // BGP4-MIB cannot name a neighbor over IPv6
      }
      String key = v4.getHostAddress();
      now.put(key, new long[] {p.state(), p.establishedTransitions()});
      if (peers == null) {
        continue;
      }
      // a neighbor added since the first poll starts from idle, never established
      long[] before = peers.getOrDefault(key, new long[] {1, 0});
      int was = (int) before[0];
      boolean cameUp = p.establishedTransitions() > before[1];
      if (was == 6) {
        if (cameUp) { // reset and established again between two polls
          sendPeer(Bgp4Mib.BACKWARD_TRANSITION, v4, p);
          sendPeer(Bgp4Mib.ESTABLISHED, v4, p);
        }
        if (p.state() != 6) {
          sendPeer(Bgp4Mib.BACKWARD_TRANSITION, v4, p);
        }
      } else {
        if (cameUp) {
          sendPeer(Bgp4Mib.ESTABLISHED, v4, p);
        }
        if (cameUp ? p.state() != 6 : p.state() < was) {
          sendPeer(Bgp4Mib.BACKWARD_TRANSITION, v4, p);
        }
      }
    }
    peers = now;
  }

  private void sendPeer(OID trap, Inet4Address v4, BgpPeerRow p) {
    OID x = Index.of().ipAddress(v4).toOid();
    send.accept(trap, new VariableBinding[] {
        new VariableBinding(new OID(PEER_REMOTE_ADDR).append(x), new IpAddress(v4)),
        new VariableBinding(new OID(PEER_LAST_ERROR).append(x), new OctetString(
            new byte[] {(byte) p.lastErrorCode(), (byte) p.lastErrorSubcode()})),
        new VariableBinding(new OID(PEER_STATE).append(x), Smi.integer(p.state()))});
  }

  private void sendAlarm(AlarmEvent a, List<SensorRow> sensors) {
    List<VariableBinding> b = new ArrayList<>(List.of(
        new VariableBinding(OutpostMib.ALARM_ID, Smi.gauge(a.id())),
        new VariableBinding(OutpostMib.ALARM_SEVERITY, Smi.integer(a.severity())),
        new VariableBinding(OutpostMib.ALARM_RESOURCE, Smi.text(a.resource())),
        new VariableBinding(OutpostMib.ALARM_TEXT, Smi.text(a.text()))));
    for (SensorRow s : sensors) {
      if (a.sensorEntity() != 0 && s.entity() == a.sensorEntity()) {
        OID x = new OID(new int[] {s.entity()});
        b.add(new VariableBinding(new OID(EntityMib.SENSOR_ENTRY).append(EntityMib.SENSOR_VALUE)
            .append(x), Smi.integer(s.value())));
        b.add(new VariableBinding(new OID(EntityMib.SENSOR_ENTRY)
            .append(EntityMib.SENSOR_STATUS).append(x), Smi.integer(s.status())));
      }
    }
    send.accept(a.raised() ? OutpostMib.ALARM_RAISED : OutpostMib.ALARM_CLEARED,
        b.toArray(VariableBinding[]::new));
  }
}
