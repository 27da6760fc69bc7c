/**
 * The SNMP agent (docs/snmp.md): {@link io.outpost.snmp.SnmpAgent} on snmp4j-agent, with
 * SNMPv3 USM (SHA-2, AES), read-only communities limited to source prefixes, views, and the
 * standard MIBs over the live state that {@link io.outpost.snmp.source} describes.
 */
package io.outpost.snmp;
