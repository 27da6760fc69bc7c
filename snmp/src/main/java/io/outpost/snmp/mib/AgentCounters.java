package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Subtree;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.event.CounterListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * The agent's own counters and engine: SNMPv2-MIB's snmp group (packets in, bad versions, bad
 * community names, parse errors), SNMP-MPD-MIB's snmpMPDStats, SNMP-USER-BASED-SM-MIB's
 * usmStats and SNMP-FRAMEWORK-MIB's snmpEngine group. snmp4j reports each increment here as a
 * {@link CounterEvent} and reads the new value back for the Report PDUs of RFC 3414, so without
 * this listener engine discovery answers with no counter at all.
 */
public final class AgentCounters implements CounterListener {
  private static final OID SNMP = new OID("1.3.6.1.2.1.11");
  private static final OID MPD_STATS = new OID("1.3.6.1.6.3.11.2.1");
  private static final OID USM_STATS = new OID("1.3.6.1.6.3.15.1.1");
  private static final OID ENGINE = new OID("1.3.6.1.6.3.10.2.1");
  private static final List<OID> SNMP_GROUP = List.of(SnmpConstants.snmpInPkts,
      SnmpConstants.snmpInBadVersions, SnmpConstants.snmpInBadCommunityNames,
      SnmpConstants.snmpInBadCommunityUses, SnmpConstants.snmpInASNParseErrs,
      SnmpConstants.snmpSilentDrops, SnmpConstants.snmpProxyDrops);
  private static final List<OID> MPD = List.of(SnmpConstants.snmpUnknownSecurityModels,
      SnmpConstants.snmpInvalidMsgs, SnmpConstants.snmpUnknownPDUHandlers);
  private static final List<OID> USM = List.of(SnmpConstants.usmStatsUnsupportedSecLevels,
      SnmpConstants.usmStatsNotInTimeWindows, SnmpConstants.usmStatsUnknownUserNames,
      SnmpConstants.usmStatsUnknownEngineIDs, SnmpConstants.usmStatsWrongDigests,
      SnmpConstants.usmStatsDecryptionErrors);

  private final Map<OID, AtomicLong> counters = new ConcurrentHashMap<>();

  @Override
  public void incrementCounter(CounterEvent event) {
    long v = counters.computeIfAbsent(event.getOid(), k -> new AtomicLong())
        .addAndGet(Math.max(1, event.getIncrement()));
    event.setCurrentValue(Smi.counter32(v));
  }

  /** A counter's value by its instance OID ({@code snmpInBadCommunityNames.0}). */
  public long get(OID instance) {
    AtomicLong v = counters.get(instance);
    return v == null ? 0 : v.get();
  }

  /**
   * @param engineId the local engine's ID
   * @param boots snmpEngineBoots
   * @param seconds snmpEngineTime: seconds since the boots last changed
   */
  public List<Subtree> subtrees(OctetString engineId, int boots, LongSupplier seconds) {
    return List.of(counters(SNMP, SNMP_GROUP, true), counters(MPD_STATS, MPD, false),
        counters(USM_STATS, USM, false), new Subtree(ENGINE, b -> {
          b.scalar(new OID(ENGINE).append(1), engineId);
          b.scalar(new OID(ENGINE).append(2), new Integer32(boots));
          b.scalar(new OID(ENGINE).append(3), Smi.integer(seconds.getAsLong()));
          b.scalar(new OID(ENGINE).append(4), new Integer32(65507));
        }, 0));
  }

  /** @param authenTraps whether to add snmpEnableAuthenTraps (disabled) to the group */
  private Subtree counters(OID root, List<OID> instances, boolean authenTraps) {
    return new Subtree(root, b -> {
      for (OID o : instances) {
        b.object(o, Smi.counter32(get(o)));
      }
      if (authenTraps) {
        b.scalar(new OID(root).append(30), Smi.integer(2));
      }
    }, 0);
  }
}
