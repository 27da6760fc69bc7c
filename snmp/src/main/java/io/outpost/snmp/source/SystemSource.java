package io.outpost.snmp.source;

/** The system group's live parts: who the appliance is. */
public interface SystemSource {
  /** sysDescr: the product, version and platform. */
  String description();

  /** sysName: the host name. */
  String name();
}
