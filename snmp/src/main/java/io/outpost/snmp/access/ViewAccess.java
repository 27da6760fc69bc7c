package io.outpost.snmp.access;

import io.outpost.snmp.AgentSettings;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.snmp4j.agent.security.VACM;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * Who may read what (RFC 3415's VACM, as the configuration states it). Every SNMPv3 user and
 * every community is a group of its own with one read view; nothing is writable, and only the
 * default context exists.
 *
 * <p>snmp4j-agent's {@code VacmMIB} keeps groups, access entries and views as SNMP-writable
 * tables persisted by the agent. Here the datastore is the one source of configuration (and
 * its commits are atomic and audited), so this class is a pure function of
 * {@link AgentSettings} that {@link #update} swaps whole: a commit never leaves half a policy.
 */
public final class ViewAccess implements VACM {
  /** The view of a user or community that names none. */
  static final OctetString EVERYTHING = new OctetString("-everything-");
  private static final AgentSettings.View ALL = new AgentSettings.View(
      java.util.List.of(new OID("1")), java.util.List.of());

  private record Grant(OctetString view, int minimumLevel) {}

  private record Policy(Map<String, Grant> grants, Map<OctetString, AgentSettings.View> views) {}

  private volatile Policy policy = new Policy(Map.of(), Map.of());

  public void update(AgentSettings settings) {
    Map<OctetString, AgentSettings.View> views = new HashMap<>();
    views.put(EVERYTHING, ALL);
    settings.views().forEach((name, v) -> views.put(new OctetString(name), v));
    Map<String, Grant> grants = new HashMap<>();
    for (AgentSettings.User u : settings.users()) {
      int level = u.priv() == AgentSettings.Priv.NONE ? SecurityLevel.AUTH_NOPRIV
          : SecurityLevel.AUTH_PRIV;
      grants.put(key(SecurityModel.SECURITY_MODEL_USM, u.name()), new Grant(viewName(u.view()),
          level));
    }
    for (AgentSettings.Community c : settings.communities()) {
      Grant g = new Grant(viewName(c.view()), SecurityLevel.NOAUTH_NOPRIV);
      grants.put(key(SecurityModel.SECURITY_MODEL_SNMPv1, c.name()), g);
      grants.put(key(SecurityModel.SECURITY_MODEL_SNMPv2c, c.name()), g);
    }
    policy = new Policy(Map.copyOf(grants), Map.copyOf(views));
  }

  private static OctetString viewName(String view) {
    return view == null ? EVERYTHING : new OctetString(view);
  }

  private static String key(int model, String securityName) {
    return model + ":" + securityName;
  }

  @Override
  public int isAccessAllowed(OctetString context, OctetString securityName, int securityModel,
      int securityLevel, int viewType, OID oid) {
    OctetString view = getViewName(context, securityName, securityModel, securityLevel, viewType);
    if (view == null) {
      return context != null && context.length() > 0 ? VACM_NO_SUCH_CONTEXT
          : VACM_NO_ACCESS_ENTRY;
    }
    return isAccessAllowed(view, oid);
  }

  @Override
  public int isAccessAllowed(OctetString viewName, OID oid) {
    if (viewName == EVERYTHING) { // the common case, checked once per object a walk returns
      return VACM_OK;
    }
    AgentSettings.View view = policy.views().get(viewName);
    if (view == null) {
      return VACM_NO_SUCH_VIEW;
    }
    return view.contains(oid) ? VACM_OK : VACM_NOT_IN_VIEW;
  }

  /** The read view of a group, or null: no write view and no notify view exist. */
  @Override
  public OctetString getViewName(OctetString context, OctetString securityName,
      int securityModel, int securityLevel, int viewType) {
    if (viewType != VIEW_READ || (context != null && context.length() > 0)) {
      return null;
    }
    Grant g = policy.grants().get(key(securityModel,
        new String(securityName.getValue(), StandardCharsets.UTF_8)));
    return g == null || securityLevel < g.minimumLevel() ? null : g.view();
  }

  @Override
  public boolean hasContext(OctetString context) {
    return context == null || context.length() == 0;
  }
}
