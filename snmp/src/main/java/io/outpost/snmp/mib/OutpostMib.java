package io.outpost.snmp.mib;

import org.snmp4j.smi.OID;

/**
 * OUTPOST-MIB (snmp/src/main/mibs/OUTPOST-MIB.txt): the appliance's own notifications, under
 * the enterprise arc 32473 that RFC 5612 reserves for documentation until Outpost has an IANA
 * enterprise number. An alarm raised or cleared by the health monitor (a sensor past a
 * threshold, a sensor that cannot be read, a fan, the platform) is one notification carrying
 * its id, severity, resource and text, and for a sensor its ENTITY-SENSOR-MIB value and status.
 */
public final class OutpostMib {
  public static final OID ALARM_RAISED = new OID("1.3.6.1.4.1.32473.1.2.0.1");
  public static final OID ALARM_CLEARED = new OID("1.3.6.1.4.1.32473.1.2.0.2");
  /** outpostAlarmId, outpostAlarmSeverity, outpostAlarmResource, outpostAlarmText (.0). */
  public static final OID ALARM_ID = new OID("1.3.6.1.4.1.32473.1.2.1.1.0");
  public static final OID ALARM_SEVERITY = new OID("1.3.6.1.4.1.32473.1.2.1.2.0");
  public static final OID ALARM_RESOURCE = new OID("1.3.6.1.4.1.32473.1.2.1.3.0");
  public static final OID ALARM_TEXT = new OID("1.3.6.1.4.1.32473.1.2.1.4.0");

  private OutpostMib() {}
}
