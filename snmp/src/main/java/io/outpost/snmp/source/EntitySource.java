package io.outpost.snmp.source;

import java.util.List;

/** The platform's hardware and its sensors, for ENTITY-MIB and ENTITY-SENSOR-MIB. */
public interface EntitySource {
  List<PhysicalEntity> entities();

  List<SensorRow> sensors();
}
