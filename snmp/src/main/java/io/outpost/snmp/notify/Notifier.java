package io.outpost.snmp.notify;

import io.outpost.snmp.AgentSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * Sends notifications (SNMPv2-Trap PDUs, RFC 3416 §4.2.6) to the configured targets: SNMPv2c
 * with the target's community, or SNMPv3 with a user's keys, the agent being the authoritative
 * engine (RFC 3414 §3.1.1). Each carries sysUpTime.0 and snmpTrapOID.0 first, as the RFC
 * requires. A target that cannot be reached is logged and skipped; it never delays the others.
 */
public final class Notifier {
  private static final System.Logger LOG = System.getLogger("io.outpost.snmp");

  private final Snmp snmp;
  private final OctetString engineId;
  private final LongSupplier uptime;
  private volatile List<Target<UdpAddress>> targets = List.of();

  /**
   * @param snmp the agent's session; its USM holds the users SNMPv3 traps are sent as
   * @param uptime sysUpTime in hundredths of a second
   */
  public Notifier(Snmp snmp, OctetString engineId, LongSupplier uptime) {
    this.snmp = snmp;
    this.engineId = engineId;
    this.uptime = uptime;
  }

  public void update(AgentSettings settings) {
    targets = settings.targets().stream().map(t -> target(t, settings)).toList();
  }

  private Target<UdpAddress> target(AgentSettings.TrapTarget t, AgentSettings settings) {
    UdpAddress to = new UdpAddress(t.address(), t.port());
    if (t.community() != null) {
      CommunityTarget<UdpAddress> c = new CommunityTarget<>(to,
          new OctetString(t.community().getBytes(StandardCharsets.UTF_8)));
      c.setVersion(SnmpConstants.version2c);
      return c;
    }
    AgentSettings.User user = settings.users().stream().filter(u -> u.name().equals(t.user()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("trap-target " + t.name()
            + ": no user " + t.user()));
    UserTarget<UdpAddress> u = new UserTarget<>(to, new OctetString(user.name()),
        engineId.getValue());
    u.setVersion(SnmpConstants.version3);
    u.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
    u.setSecurityLevel(user.priv() == AgentSettings.Priv.NONE ? SecurityLevel.AUTH_NOPRIV
        : SecurityLevel.AUTH_PRIV);
    return u;
  }

  /** Sends {@code trap} with {@code bindings} to every target. */
  public void send(OID trap, VariableBinding... bindings) {
    for (Target<UdpAddress> t : targets) {
      PDU pdu = t.getVersion() == SnmpConstants.version3 ? new ScopedPDU() : new PDU();
      pdu.setType(PDU.TRAP);
      pdu.add(new VariableBinding(SnmpConstants.sysUpTime,
          new TimeTicks(uptime.getAsLong() & 0xffff_ffffL)));
      pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, trap));
      for (VariableBinding b : bindings) {
        pdu.add(b);
      }
      try {
        snmp.send(pdu, t);
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot send notification " + trap + " to "
            + t.getAddress(), e);
      }
    }
  }
}
