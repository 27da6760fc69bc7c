package io.outpost.controlplane.yang;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One module during compilation: its identity and its lookup tables (prefixes, typedefs, groupings). */
final class ModuleContext {
  final YangModule info;
  final YangStatement statement;
  final Map<String, String> prefixes = new HashMap<>();
  final Map<String, YangStatement> typedefs = new HashMap<>();
  final Map<String, YangStatement> groupings = new HashMap<>();
  final Map<String, LeafType> resolvedTypedefs = new HashMap<>();
  final Set<String> resolving = new HashSet<>();

  ModuleContext(YangModule info, YangStatement statement) {
    this.info = info;
    this.statement = statement;
  }

  /** The module that {@code prefix} names from this module; this one for no prefix. */
  ModuleContext resolve(String prefix, YangStatement where, Map<String, ModuleContext> modules) {
    if (prefix == null) {
      return this;
    }
    String module = prefixes.get(prefix);
    if (module == null) {
      throw new YangException(where.where(), "unknown prefix " + prefix);
    }
    return modules.get(module);
  }
}
