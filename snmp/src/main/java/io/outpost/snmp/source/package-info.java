/**
 * What the agent serves, as the rest of the appliance tells it: interfaces the {@code snmp}
 * module defines and the control plane implements over its live state (the kernel's links and
 * the data plane's counters, the RIB, the BGP sessions, the hardware profile and the health
 * monitor). The {@code snmp} module never imports the control plane (docs/architecture.md);
 * every source is called on the agent's thread and must return a consistent copy.
 */
package io.outpost.snmp.source;
