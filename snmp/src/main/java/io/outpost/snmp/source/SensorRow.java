package io.outpost.snmp.source;

/**
 * One sensor's reading as ENTITY-SENSOR-MIB's entPhySensorTable shows it (RFC 3433); its row
 * shares the index of the sensor's {@link PhysicalEntity}.
 *
 * @param type EntitySensorDataType: 4 voltsDC, 5 amperes, 6 watts, 8 celsius, 10 rpm, 1 other
 * @param scale EntitySensorDataScale: 9 units, 8 milli, 7 micro
 * @param precision decimal places in {@code value}
 * @param value the reading times 10^precision at the scale, 0 when unavailable
 * @param status EntitySensorStatus: 1 ok, 2 unavailable, 3 nonoperational
 * @param units the units, for display ("C", "RPM", "V")
 * @param timestamp sysUpTime in hundredths of a second when the value was read
 * @param updateRateMillis how often the monitor reads the sensor
 */
public record SensorRow(int entity, int type, int scale, int precision, int value, int status,
    String units, long timestamp, long updateRateMillis) {}
