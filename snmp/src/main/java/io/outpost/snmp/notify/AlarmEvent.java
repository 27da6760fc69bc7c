package io.outpost.snmp.notify;

/**
 * An alarm raised or cleared, as the health monitor tells the agent.
 *
 * @param severity 1 critical, 2 major, 3 minor, 4 warning (X.733's order)
 * @param sensorEntity the sensor's entPhysicalIndex when the alarm is about one, else 0
 */
public record AlarmEvent(long id, boolean raised, int severity, String resource, String text,
    int sensorEntity) {}
