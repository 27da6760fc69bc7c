package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.source.EntitySource;
import io.outpost.snmp.source.PhysicalEntity;
import io.outpost.snmp.source.SensorRow;
import java.util.List;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * ENTITY-MIB's entPhysicalTable (RFC 6933) and ENTITY-SENSOR-MIB's entPhySensorTable (RFC
 * 3433): the platform's chassis, ports, fans, power supplies and sensors as its hardware
 * profile describes them, and the health monitor's last reading of each sensor.
 */
public final class EntityMib {
  public static final OID PHYSICAL_TABLE = new OID("1.3.6.1.2.1.47.1.1.1");
  static final OID PHYSICAL_ENTRY = new OID("1.3.6.1.2.1.47.1.1.1.1");
  public static final OID SENSOR_TABLE = new OID("1.3.6.1.2.1.99.1.1");
  public static final OID SENSOR_ENTRY = new OID("1.3.6.1.2.1.99.1.1.1");
  /** The columns of entPhySensorTable a threshold notification carries. */
  public static final int SENSOR_VALUE = 4;
  public static final int SENSOR_STATUS = 5;
  /** DateAndTime's "not known" (ENTITY-MIB entPhysicalMfgDate). */
  private static final OctetString NO_DATE = new OctetString(new byte[8]);

  private EntityMib() {}

  public static List<Subtree> subtrees(EntitySource source) {
    return List.of(new Subtree(PHYSICAL_TABLE, b -> {
      for (PhysicalEntity e : source.entities()) {
        OID x = new OID(new int[] {e.index()});
        b.cell(PHYSICAL_ENTRY, 2, x, Smi.text(e.description()));
        b.cell(PHYSICAL_ENTRY, 3, x, Smi.ZERO_DOT_ZERO);
        b.cell(PHYSICAL_ENTRY, 4, x, Smi.integer(e.containedIn()));
        b.cell(PHYSICAL_ENTRY, 5, x, Smi.integer(e.physicalClass()));
        b.cell(PHYSICAL_ENTRY, 6, x, Smi.integer(e.position()));
        b.cell(PHYSICAL_ENTRY, 7, x, Smi.text(e.name()));
        b.cell(PHYSICAL_ENTRY, 8, x, Smi.text(""));
        b.cell(PHYSICAL_ENTRY, 9, x, Smi.text(e.firmware()));
        b.cell(PHYSICAL_ENTRY, 10, x, Smi.text(e.software()));
        b.cell(PHYSICAL_ENTRY, 11, x, Smi.text(e.serial()));
        b.cell(PHYSICAL_ENTRY, 12, x, Smi.text(e.manufacturer()));
        b.cell(PHYSICAL_ENTRY, 13, x, Smi.text(e.model()));
        b.cell(PHYSICAL_ENTRY, 14, x, Smi.text(""));
        b.cell(PHYSICAL_ENTRY, 15, x, Smi.text(""));
        b.cell(PHYSICAL_ENTRY, 16, x, Smi.truth(e.fru()));
        b.cell(PHYSICAL_ENTRY, 17, x, NO_DATE);
        b.cell(PHYSICAL_ENTRY, 18, x, Smi.text(""));
      }
    }, 5_000), new Subtree(SENSOR_TABLE, b -> {
      for (SensorRow s : source.sensors()) {
        OID x = new OID(new int[] {s.entity()});
        b.cell(SENSOR_ENTRY, 1, x, Smi.integer(s.type()));
        b.cell(SENSOR_ENTRY, 2, x, Smi.integer(s.scale()));
        b.cell(SENSOR_ENTRY, 3, x, Smi.integer(s.precision()));
        b.cell(SENSOR_ENTRY, SENSOR_VALUE, x, Smi.integer(s.value()));
        b.cell(SENSOR_ENTRY, SENSOR_STATUS, x, Smi.integer(s.status()));
        b.cell(SENSOR_ENTRY, 6, x, Smi.text(s.units()));
        b.cell(SENSOR_ENTRY, 7, x, Smi.ticks(s.timestamp()));
        b.cell(SENSOR_ENTRY, 8, x, Smi.gauge(s.updateRateMillis()));
      }
    }, 1_000));
  }
}
