package io.outpost.snmp.source;

/**
 * One piece of hardware as ENTITY-MIB's entPhysicalTable shows it (RFC 6933).
 *
 * @param index entPhysicalIndex, from 1, stable for a hardware profile
 * @param physicalClass PhysicalClass: 3 chassis, 5 container, 6 powerSupply, 7 fan, 8 sensor,
 *     9 module, 10 port, 1 other
 * @param containedIn the index of the entity this one is in, 0 for the chassis
 * @param position the position among its siblings, -1 when unknown
 * @param fru whether it is a field-replaceable unit
 */
public record PhysicalEntity(int index, String description, int containedIn, int physicalClass,
    int position, String name, String firmware, String software, String serial,
    String manufacturer, String model, boolean fru) {}
