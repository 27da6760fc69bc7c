package io.outpost.controlplane.bgp;

import inet.ipaddr.IPAddress;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.policy.Action;
import io.outpost.bgp.policy.AsPathRegex;
import io.outpost.bgp.policy.Condition;
import io.outpost.bgp.policy.Policy;
import io.outpost.bgp.policy.PrefixList;
import io.outpost.bgp.policy.Term;
import io.outpost.bgp.wire.Family;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles {@code policy} into the speaker's {@link Policy} objects: prefix lists, AS-path
 * lists and community lists first, then each policy statement's terms over them. What YANG
 * cannot check is checked here and reported with its path: a community that does not parse, a
 * regular expression that does not compile, ge/le out of the prefix's range.
 *
 * <p>Each compiled policy comes with a fingerprint, the set commands of everything it was
 * compiled from (the statement and the lists its terms use), so that the BGP subsystem
 * refreshes a neighbor's routes only when a policy it uses really changed.
 */
final class PolicyCompiler {
  /** A compiled policy and the text it was compiled from. */
  record Compiled(Policy policy, String fingerprint) {}

  private final long localAs;
  private final List<ConfigError> errors;
  private final Map<String, PrefixList> prefixLists = new HashMap<>();
  private final Map<String, List<AsPathRegex>> asPathLists = new HashMap<>();
  private final Map<String, int[][]> communityLists = new HashMap<>();
  private final Map<String, String> listTexts = new HashMap<>();

  private PolicyCompiler(long localAs, List<ConfigError> errors) {
    this.localAs = localAs;
    this.errors = errors;
  }

  /**
   * Every policy statement of {@code config}, by name; problems go to {@code errors} (a policy
   * with a problem is still returned, without the part in error, so that validation reports all
   * of them at once).
   *
   * @param localAs the AS that as-path-prepend prepends
   */
  static Map<String, Compiled> compile(ConfigTree config, long localAs, List<ConfigError> errors) {
    return new PolicyCompiler(localAs, errors).all(ConfigView.top(config, "policy"));
  }

  private Map<String, Compiled> all(ConfigView policy) {
    policy.list("prefix-list").forEach(this::prefixList);
    policy.list("as-path-list").forEach(this::asPathList);
    policy.list("community-list").forEach(this::communityList);
    Map<String, Compiled> out = new HashMap<>();
    for (ConfigView statement : policy.list("policy-statement")) {
      String name = statement.string("name");
      StringBuilder text = new StringBuilder(String.join("\n", statement.commands()));
      List<Term> terms = new ArrayList<>();
      for (ConfigView term : statement.list("term")) {
        terms.add(term(term, text));
      }
      boolean accept = statement.string("default-action").equals("accept");
      out.put(name, new Compiled(new Policy(name, terms, accept), text.toString()));
    }
    return out;
  }

  private void prefixList(ConfigView list) {
    String name = list.string("name");
    List<ConfigView> rules = new ArrayList<>(list.list("rule"));
    rules.sort(Comparator.comparingLong(r -> r.number("sequence")));
    List<PrefixList.Entry> entries = new ArrayList<>();
    for (ConfigView rule : rules) {
      IPAddress prefix = Prefixes.parse(rule.string("prefix"));
      Prefixes.Key k = Prefixes.key(prefix);
      int ge = rule.isSet("ge") ? (int) rule.number("ge") : 0;
      int le = rule.isSet("le") ? (int) rule.number("le") : 0;
      try {
        entries.add(PrefixList.Entry.of(k.family(), k.hi(), k.lo(), k.length(), ge, le,
            rule.string("action").equals("permit")));
      } catch (IllegalArgumentException e) {
        errors.add(new ConfigError(rule.path(), "ge and le: " + e.getMessage()));
      }
    }
    PrefixList compiled = new PrefixList(name, entries);
    prefixLists.put(name, compiled);
    listTexts.put("prefix-list " + name, String.join("\n", list.commands()));
  }

  private void asPathList(ConfigView list) {
    String name = list.string("name");
    List<AsPathRegex> regexes = new ArrayList<>();
    for (Object text : list.leafList("regex")) {
      try {
        regexes.add(AsPathRegex.compile((String) text));
      } catch (IllegalArgumentException e) {
        errors.add(new ConfigError(list.pathOf("regex"), e.getMessage()));
      }
    }
    if (list.leafList("regex").isEmpty()) {
      errors.add(new ConfigError(list.path(), "needs at least one regex"));
    }
    asPathLists.put(name, regexes);
    listTexts.put("as-path-list " + name, String.join("\n", list.commands()));
  }

  private void communityList(ConfigView list) {
    String name = list.string("name");
    int[] standard = communities(list, "community");
    int[] large = largeCommunities(list, "large-community");
    communityLists.put(name, new int[][] {standard, large});
    listTexts.put("community-list " + name, String.join("\n", list.commands()));
  }

  /** Compiles one term; the text of the lists it uses is appended to {@code uses}. */
  private Term term(ConfigView term, StringBuilder uses) {
    ConfigView from = term.container("from");
    List<Condition> conditions = new ArrayList<>();
    if (from.isSet("family")) {
      String family = from.string("family");
      conditions.add(Condition.family(family.equals("ipv4-unicast") ? Family.IPV4_UNICAST
          : Family.IPV6_UNICAST));
    }
    if (from.isSet("prefix-list")) {
      String list = from.string("prefix-list");
      conditions.add(Condition.prefixList(prefixLists.get(list)));
      uses.append('\n').append(listTexts.get("prefix-list " + list));
    }
    if (from.isSet("as-path-list")) {
      String list = from.string("as-path-list");
      conditions.add(Condition.asPath(asPathLists.get(list)));
      uses.append('\n').append(listTexts.get("as-path-list " + list));
    }
    if (from.isSet("community-list")) {
      String list = from.string("community-list");
      int[][] c = communityLists.get(list);
      conditions.add(c[1].length == 0 ? Condition.community(c[0])
          : c[0].length == 0 ? Condition.largeCommunity(c[1])
          : anyOf(Condition.community(c[0]), Condition.largeCommunity(c[1])));
      uses.append('\n').append(listTexts.get("community-list " + list));
    }
    ConfigView then = term.container("then");
    List<Action> actions = new ArrayList<>();
    if (then.isSet("local-preference")) {
      actions.add(Action.localPreference(then.number("local-preference")));
    }
    if (then.isSet("med")) {
      actions.add(Action.med(then.number("med")));
    }
    if (then.isSet("next-hop")) {
      actions.add(Action.nextHop(Prefixes.inet(Prefixes.parse(then.string("next-hop")))));
    }
    if (then.isSet("as-path-prepend")) {
      actions.add(Action.prepend(localAs, (int) then.number("as-path-prepend")));
    }
    if (then.isSet("community-set")) {
      actions.add(Action.setCommunities(communities(then, "community-set")));
    }
    if (then.isSet("community-add")) {
      actions.add(Action.addCommunities(communities(then, "community-add")));
    }
    if (then.isSet("community-remove")) {
      actions.add(Action.removeCommunities(communities(then, "community-remove")));
    }
    if (then.isSet("large-community-add")) {
      actions.add(Action.addLargeCommunities(largeCommunities(then, "large-community-add")));
    }
    Term.Result result = switch (then.string("action")) {
      case "accept" -> Term.Result.ACCEPT;
      case "reject" -> Term.Result.REJECT;
      default -> Term.Result.NEXT;
    };
    return new Term(term.string("name"), conditions, actions, result);
  }

  private static Condition anyOf(Condition a, Condition b) {
    return (family, hi, lo, length, attrs) -> a.test(family, hi, lo, length, attrs)
        || b.test(family, hi, lo, length, attrs);
  }

  private int[] communities(ConfigView view, String leafList) {
    List<Integer> out = new ArrayList<>();
    for (Object text : view.leafList(leafList)) {
      try {
        out.add(Communities.parse((String) text));
      } catch (IllegalArgumentException e) {
        errors.add(new ConfigError(view.pathOf(leafList), e.getMessage()));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] largeCommunities(ConfigView view, String leafList) {
    List<int[]> out = new ArrayList<>();
    for (Object text : view.leafList(leafList)) {
      try {
        out.add(Communities.parseLarge((String) text));
      } catch (IllegalArgumentException e) {
        errors.add(new ConfigError(view.pathOf(leafList), e.getMessage()));
      }
    }
    return out.stream().flatMapToInt(java.util.Arrays::stream).toArray();
  }
}
