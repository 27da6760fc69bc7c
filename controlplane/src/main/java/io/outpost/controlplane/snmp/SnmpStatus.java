package io.outpost.controlplane.snmp;

import io.outpost.snmp.SnmpAgent;
import io.outpost.snmp.mib.AgentCounters;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;

/** {@code show snmp}: the agent's engine, socket and the counters an engineer checks first. */
public final class SnmpStatus {
  private SnmpStatus() {}

  public static String render(SnmpSubsystem snmp) {
    SnmpAgent agent = snmp.agent().orElse(null);
    if (agent == null) {
      return "SNMP is not configured: set snmp user NAME auth-password ... (docs/snmp.md)\n";
    }
    AgentCounters c = agent.counters();
    StringBuilder out = new StringBuilder();
    out.append("SNMP agent on UDP port ").append(agent.port()).append('\n');
    out.append("  Engine ID: ").append(agent.engineId().toHexString().replace(":", ""))
        .append(" (for trap receivers' SNMPv3 users)\n");
    out.append("  Up: ").append(agent.uptime() / 100).append(" s\n");
    line(out, c, "Packets in", SnmpConstants.snmpInPkts);
    line(out, c, "Unknown communities or sources", SnmpConstants.snmpInBadCommunityNames);
    line(out, c, "Undecodable messages", SnmpConstants.snmpInASNParseErrs);
    line(out, c, "Unknown SNMPv3 users", SnmpConstants.usmStatsUnknownUserNames);
    line(out, c, "Wrong SNMPv3 keys (digests)", SnmpConstants.usmStatsWrongDigests);
    line(out, c, "Messages outside the time window", SnmpConstants.usmStatsNotInTimeWindows);
    line(out, c, "Decryption errors", SnmpConstants.usmStatsDecryptionErrors);
    line(out, c, "Unsupported security levels", SnmpConstants.usmStatsUnsupportedSecLevels);
    return out.toString();
  }

  private static void line(StringBuilder out, AgentCounters c, String what, OID counter) {
    out.append("  %-34s %d%n".formatted(what + ":", c.get(counter)));
  }
}
