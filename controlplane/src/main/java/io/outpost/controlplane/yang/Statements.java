package io.outpost.controlplane.yang;

import java.util.HashSet;
import java.util.Set;

/**
 * Small readings of YANG statements shared by the compiler's parts: which substatements a
 * statement may have, prefixed names, and the common arguments.
 */
final class Statements {
  static final Set<String> DOC = Set.of("description", "reference", "status");
  static final Set<String> DATA_DEFS = Set.of("container", "list", "leaf", "leaf-list", "choice", "uses");

  private Statements() {}

  static void allow(YangStatement s, Set<String> allowed) {
    for (YangStatement c : s.children()) {
      if (!c.isExtension() && !allowed.contains(c.keyword())) {
        throw new YangException(c.where(), "statement \"" + c.keyword() + "\" is not supported in "
            + s.keyword() + " (Outpost's YANG subset, see SchemaCompiler)");
      }
    }
  }

  @SafeVarargs
  static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }

  static String[] splitPrefix(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? new String[] {null, name} : new String[] {name.substring(0, colon), name.substring(colon + 1)};
  }

  static YangStatement typeStatement(YangStatement s) {
    return s.child("type").orElseThrow(() -> new YangException(s.where(), s.keyword() + " " + s.argument() + " needs a type"));
  }

  static String description(YangStatement s) {
    return s.childArgument("description").map(d -> d.replaceAll("\\s+", " ").trim()).orElse("");
  }

  static String required(YangStatement s, String keyword) {
    return s.childArgument(keyword).orElseThrow(
        () -> new YangException(s.where(), s.keyword() + " " + s.argument() + " needs " + keyword));
  }
}
