package io.outpost.snmp;

import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * The USM users of the configuration, and the only protocols the agent speaks: RFC 7860's
 * SHA-2 HMACs and AES. MD5, SHA-1, DES and 3DES are not registered at all, so a message using
 * them fails as an unknown protocol rather than being accepted with a weak key.
 */
final class Users {
  private final USM usm;

  Users(USM usm) {
    this.usm = usm;
  }

  static SecurityProtocols protocols() {
    SecurityProtocols p = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
    p.addAuthenticationProtocol(new AuthHMAC128SHA224());
    p.addAuthenticationProtocol(new AuthHMAC192SHA256());
    p.addAuthenticationProtocol(new AuthHMAC256SHA384());
    p.addAuthenticationProtocol(new AuthHMAC384SHA512());
    p.addPrivacyProtocol(new PrivAES128());
    p.addPrivacyProtocol(new PrivAES192());
    p.addPrivacyProtocol(new PrivAES256());
    return p;
  }

  /** Replaces every user with those of {@code settings}. */
  synchronized void update(AgentSettings settings) {
    usm.removeAllUsers();
    for (AgentSettings.User u : settings.users()) {
      usm.addUser(toUsm(u));
    }
  }

  static UsmUser toUsm(AgentSettings.User u) {
    OID priv = switch (u.priv()) {
      case NONE -> null;
      case AES_128 -> PrivAES128.ID;
      case AES_192 -> PrivAES192.ID;
      case AES_256 -> PrivAES256.ID;
    };
    OID auth = switch (u.auth()) {
      case SHA_224 -> AuthHMAC128SHA224.ID;
      case SHA_256 -> AuthHMAC192SHA256.ID;
      case SHA_384 -> AuthHMAC256SHA384.ID;
      case SHA_512 -> AuthHMAC384SHA512.ID;
    };
    return new UsmUser(new OctetString(u.name()), auth, new OctetString(u.authPassword()), priv,
        priv == null ? null : new OctetString(u.privacyPassphrase()));
  }
}
