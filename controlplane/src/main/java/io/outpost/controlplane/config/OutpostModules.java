package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.Schema;
import java.util.List;

/**
 * The YANG modules that make up Outpost's configuration, in dependency order. A test checks
 * that this list names every module under {@code src/main/yang}.
 */
public final class OutpostModules {
  public static final List<String> NAMES = List.of(
      "outpost-types", "outpost-system", "outpost-interfaces", "outpost-routing",
      "outpost-dataplane", "outpost-policy", "outpost-bgp", "outpost-snmp");

  private static volatile Schema schema;

  private OutpostModules() {}

  /** The compiled schema, compiled once per process. */
  public static Schema schema() {
    Schema s = schema;
    if (s == null) {
      synchronized (OutpostModules.class) {
        s = schema;
        if (s == null) {
          s = Schema.load(OutpostModules.class.getClassLoader(), NAMES);
          schema = s;
        }
      }
    }
    return s;
  }
}
