package io.outpost.controlplane.snmp;

import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.snmp.AgentSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snmp4j.smi.OID;

/**
 * The {@code snmp} container as the agent's {@link AgentSettings}, with the rules YANG does not
 * state: a trap target has a community or a user, not both and not neither.
 */
final class SnmpConfig {
  private SnmpConfig() {}

  /** The settings, or empty when {@code snmp} is absent; errors go to {@code errors}. */
  static Optional<AgentSettings> read(ConfigTree tree, List<ConfigError> errors) {
    ConfigView snmp = ConfigView.top(tree, "snmp");
    if (!snmp.isPresent()) {
      return Optional.empty();
    }
    List<AgentSettings.User> users = new ArrayList<>();
    for (ConfigView u : snmp.list("user")) {
      users.add(new AgentSettings.User(u.string("name"),
          AgentSettings.Auth.valueOf(enumName(u.string("auth-protocol"))),
          u.string("auth-password"),
          AgentSettings.Priv.valueOf(enumName(u.string("priv-protocol"))),
          u.string("priv-password"), u.string("view")));
    }
    List<AgentSettings.Community> communities = new ArrayList<>();
    for (ConfigView c : snmp.list("community")) {
      List<AgentSettings.Prefix> sources = new ArrayList<>();
      for (Object p : c.leafList("source")) {
        sources.add(prefix(p.toString()));
      }
      communities.add(new AgentSettings.Community(c.string("name"), sources, c.string("view")));
    }
    Map<String, AgentSettings.View> views = new HashMap<>();
    for (ConfigView v : snmp.list("view")) {
      views.put(v.string("name"), new AgentSettings.View(oids(v.leafList("include")),
          oids(v.leafList("exclude"))));
    }
    List<AgentSettings.TrapTarget> targets = new ArrayList<>();
    for (ConfigView t : snmp.list("trap-target")) {
      String community = t.string("community");
      String user = t.string("user");
      if ((community == null) == (user == null)) {
        errors.add(new ConfigError(t.path(), "a trap target needs either community (SNMPv2c)"
            + " or user (SNMPv3), and not both"));
        continue;
      }
      targets.add(new AgentSettings.TrapTarget(t.string("name"), literal(t.string("address")),
          (int) t.number("port"), community, user));
    }
    return Optional.of(new AgentSettings((int) snmp.number("port"), orEmpty(snmp.string(
        "contact")), orEmpty(snmp.string("location")), users, communities, views, targets));
  }

  private static String enumName(String yang) {
    return yang.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static List<OID> oids(List<Object> dotted) {
    return dotted.stream().map(o -> new OID(o.toString())).toList();
  }

  private static AgentSettings.Prefix prefix(String text) {
    int slash = text.indexOf('/');
    return new AgentSettings.Prefix(literal(text.substring(0, slash)),
        Integer.parseInt(text.substring(slash + 1)));
  }

  /** An address the schema has checked is a literal: never a name lookup. */
  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + address, e);
    }
  }
}
