package io.outpost.snmp.access;

import io.outpost.snmp.AgentSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.snmp4j.agent.mo.snmp.CoexistenceInfo;
import org.snmp4j.agent.mo.snmp.CoexistenceInfoProvider;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OctetString;

/**
 * Maps an SNMPv1/v2c community to the security name the views know it by (the community
 * itself) and lets a request through only from the community's source prefixes: RFC 3584's
 * coexistence, from the configuration instead of SNMP-COMMUNITY-MIB's writable tables. An
 * unknown community, or a known one from elsewhere, gets no answer and counts in
 * snmpInBadCommunityNames (the command processor counts it): a scanner learns nothing.
 */
public final class CommunityAccess implements CoexistenceInfoProvider {
  /** The largest response a community request may get: what fits a UDP datagram. */
  static final int MAX_MESSAGE_SIZE = 65507;

  private final OctetString engineId;
  private volatile List<AgentSettings.Community> communities = List.of();

  public CommunityAccess(OctetString engineId) {
    this.engineId = engineId;
  }

  public void update(AgentSettings settings) {
    communities = settings.communities();
  }

  @Override
  public CoexistenceInfo[] getCoexistenceInfo(OctetString community) {
    AgentSettings.Community c = find(community.getValue());
    if (c == null) {
      return null;
    }
    CoexistenceInfo info = new CoexistenceInfo(new OctetString(community), engineId,
        new OctetString());
    info.setMaxMessageSize(MAX_MESSAGE_SIZE);
    return new CoexistenceInfo[] {info};
  }

  @Override
  public boolean passesFilter(Address address, CoexistenceInfo info) {
    AgentSettings.Community c = find(info.getSecurityName().getValue());
    if (c == null || !(address instanceof IpAddress ip)) {
      return false;
    }
    InetAddress source = unmapped(ip.getInetAddress());
    return c.sources().stream().anyMatch(p -> p.contains(source));
  }

  /** Notifications are sent with the target's own community, never looked up here. */
  @Override
  public OctetString getCommunity(OctetString securityName, OctetString contextEngineId,
      OctetString contextName) {
    return null;
  }

  /** The community with these octets, compared in constant time: it is a password. */
  private AgentSettings.Community find(byte[] octets) {
    AgentSettings.Community found = null;
    for (AgentSettings.Community c : communities) {
      if (MessageDigest.isEqual(c.name().getBytes(StandardCharsets.UTF_8), octets)) {
        found = c;
      }
    }
    return found;
  }

  /** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d), as dual-stack sockets give them. */
  static InetAddress unmapped(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length != 16 || b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
      return a;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return a;
      }
    }
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
    } catch (UnknownHostException e) {
      return a; // four octets are always an address
    }
  }
}
