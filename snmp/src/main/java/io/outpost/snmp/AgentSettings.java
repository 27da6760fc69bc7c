package io.outpost.snmp;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.snmp4j.smi.OID;

/**
 * What the agent is configured to do: the datastore's {@code snmp} container, checked. A new
 * value given to {@link SnmpAgent#apply} replaces users, communities, views and targets at once.
 *
 * @param views by name; a user or community with no view reads everything
 */
public record AgentSettings(int port, String contact, String location, List<User> users,
    List<Community> communities, Map<String, View> views, List<TrapTarget> targets) {

  public AgentSettings {
    users = List.copyOf(users);
    communities = List.copyOf(communities);
    views = Map.copyOf(views);
    targets = List.copyOf(targets);
  }

  /** The SHA-2 HMACs of RFC 7860. */
  public enum Auth {
    SHA_224, SHA_256, SHA_384, SHA_512
  }

  /** AES in CFB mode (RFC 3826; 192 and 256 with the key extension net-snmp uses). */
  public enum Priv {
    NONE, AES_128, AES_192, AES_256
  }

  /** An SNMPv3 user. {@code privPassword} is null to use the authentication passphrase. */
  public record User(String name, Auth auth, String authPassword, Priv priv, String privPassword,
      String view) {
    public String privacyPassphrase() {
      return privPassword == null ? authPassword : privPassword;
    }

    @Override
    public String toString() { // never the passphrases, in any log
      return "User[" + name + ", " + auth + ", " + priv + ", view " + view + "]";
    }
  }

  /** An SNMPv1/v2c community and the prefixes it may be used from. */
  public record Community(String name, List<Prefix> sources, String view) {
    @Override
    public String toString() { // the community is a password
      return "Community[" + sources + ", view " + view + "]";
    }
  }

  /** An address prefix. */
  public record Prefix(InetAddress network, int length) {
    public boolean contains(InetAddress a) {
      byte[] n = network.getAddress();
      byte[] x = a.getAddress();
      if (n.length != x.length) {
        return false;
      }
      int full = length / 8;
      for (int i = 0; i < full; i++) {
        if (n[i] != x[i]) {
          return false;
        }
      }
      int rest = length % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (n[full] & mask) == (x[full] & mask);
    }

    @Override
    public String toString() {
      return network.getHostAddress() + "/" + length;
    }
  }

  /** A VACM view: the subtrees included and excluded. */
  public record View(List<OID> include, List<OID> exclude) {
    /** Whether the longest subtree containing {@code oid} is included (RFC 3415 §5.2.1). */
    public boolean contains(OID oid) {
      int bestInclude = longest(include, oid);
      return bestInclude >= 0 && bestInclude > longest(exclude, oid);
    }

    private static int longest(List<OID> subtrees, OID oid) {
      int best = -1;
      for (OID s : subtrees) {
        if (oid.startsWith(s) && s.size() > best) {
          best = s.size();
        }
      }
      return best;
    }
  }

  /** Where notifications go: SNMPv2c with a community, or SNMPv3 with a user's keys. */
  public record TrapTarget(String name, InetAddress address, int port, String community,
      String user) {}
}
