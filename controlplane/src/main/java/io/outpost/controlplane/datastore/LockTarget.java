package io.outpost.controlplane.datastore;

import java.util.Locale;

/** The datastores that can be locked, as in NETCONF (RFC 6241 §7.5). */
public enum LockTarget {
  RUNNING,
  CANDIDATE,
  STARTUP;

  public String yangName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
