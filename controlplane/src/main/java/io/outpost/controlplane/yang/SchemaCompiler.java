package io.outpost.controlplane.yang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles YANG modules into a {@link Schema}.
 *
 * <p>It implements the subset of YANG 1.1 that Outpost's own modules use, and refuses every other
 * statement with its file and line, so a module can never mean something here that it does not
 * mean to libyang (the tests compile and validate the same modules with yanglint). Supported:
 * module, import, revision, typedef and grouping at module level, uses, container (with
 * presence), list (key, unique, ordered-by, min/max-elements), leaf (default, mandatory, units),
 * leaf-list, choice and case (with shorthand cases), and the types int8…uint64, decimal64,
 * string (length, pattern with invert-match), boolean, enumeration, empty, union and leafref with
 * an absolute or a relative path without predicates. Not supported (refused): must, when,
 * augment, deviation, feature, if-feature, identity, rpc, action, notification, anydata, config
 * false and the types bits, binary, identityref and instance-identifier. Extension statements
 * ({@code prefix:keyword}) are ignored, as RFC 7950 allows.
 */
public final class SchemaCompiler {
  /** A module's text and a name for messages (its file name). */
  public record Source(String name, String text) {}

  private static final Set<String> DOC = Set.of("description", "reference", "status");
  private static final Set<String> DATA_DEFS = Set.of("container", "list", "leaf", "leaf-list", "choice", "uses");
  private static final Set<String> BUILTINS = Set.of(
      "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "decimal64",
      "string", "boolean", "enumeration", "empty", "union", "leafref");

  private final Map<String, ModuleContext> modules = new LinkedHashMap<>();
  private final List<PendingLeafref> leafrefs = new ArrayList<>();
  private final RootSchema root = new RootSchema();

  /** Per-module lookup tables: prefixes, typedefs, groupings. */
  private static final class ModuleContext {
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
  }

  /** A leafref whose target is resolved once all modules are compiled. */
  private record PendingLeafref(LeafrefType type, ModuleContext context, SchemaNode leaf) {}

  private SchemaCompiler() {}

  public static Schema compile(List<Source> sources) {
    SchemaCompiler compiler = new SchemaCompiler();
    for (Source s : sources) {
      compiler.addModule(YangParser.parse(s.text(), s.name()), s.text());
    }
    for (ModuleContext m : compiler.modules.values()) {
      compiler.resolveImports(m);
    }
    for (ModuleContext m : compiler.modules.values()) {
      compiler.buildChildren(m, m.statement, compiler.root, m.info, new HashSet<>());
    }
    compiler.bindLeafrefs();
    return new Schema(compiler.modules.values().stream().map(m -> m.info).toList(), compiler.root);
  }

  private void addModule(YangStatement module, String text) {
    if (!module.keyword().equals("module")) {
      throw new YangException(module.where(), "expected a module, found " + module.keyword()
          + (module.keyword().equals("submodule") ? " (submodules are not supported)" : ""));
    }
    allow(module, Set.of("yang-version", "namespace", "prefix", "import", "organization", "contact",
        "description", "reference", "revision", "typedef", "grouping", "container", "list", "leaf",
        "leaf-list", "choice", "uses"));
    String version = module.childArgument("yang-version").orElse("1");
    if (!version.equals("1.1")) {
      throw new YangException(module.where(), "Outpost modules are YANG 1.1 (yang-version 1.1;)");
    }
    String namespace = required(module, "namespace");
    String prefix = required(module, "prefix");
    String revision = module.children("revision").stream().map(YangStatement::argument)
        .max(String::compareTo).orElse("");
    ModuleContext ctx = new ModuleContext(
        new YangModule(module.argument(), prefix, namespace, revision, text), module);
    ctx.prefixes.put(prefix, module.argument());
    for (YangStatement t : module.children("typedef")) {
      allow(t, Set.of("type", "default", "units", "description", "reference", "status"));
      if (BUILTINS.contains(t.argument()) || ctx.typedefs.put(t.argument(), t) != null) {
        throw new YangException(t.where(), "typedef name \"" + t.argument() + "\" is taken");
      }
    }
    for (YangStatement g : module.children("grouping")) {
      allow(g, union(DOC, DATA_DEFS));
      if (ctx.groupings.put(g.argument(), g) != null) {
        throw new YangException(g.where(), "duplicate grouping \"" + g.argument() + "\"");
      }
    }
    if (modules.putIfAbsent(module.argument(), ctx) != null) {
      throw new YangException(module.where(), "module " + module.argument() + " given twice");
    }
  }

  private void resolveImports(ModuleContext ctx) {
    for (YangStatement imp : ctx.statement.children("import")) {
      allow(imp, Set.of("prefix", "revision-date", "description", "reference"));
      if (!modules.containsKey(imp.argument())) {
        throw new YangException(imp.where(), "imported module " + imp.argument() + " is not available");
      }
      if (ctx.prefixes.put(required(imp, "prefix"), imp.argument()) != null) {
        throw new YangException(imp.where(), "prefix " + required(imp, "prefix") + " is used twice");
      }
    }
  }

  /**
   * Builds the data definitions of {@code statement} under {@code parent}. References (types,
   * groupings) resolve in {@code ctx}, the module that wrote them; the new nodes belong to
   * {@code namespace}, the module whose tree they join (they differ inside a grouping used from
   * another module, RFC 7950 §7.13).
   */
  private void buildChildren(ModuleContext ctx, YangStatement statement, InteriorSchema parent,
      YangModule namespace, Set<String> expanding) {
    for (YangStatement s : statement.children()) {
      switch (s.keyword()) {
        case "container" -> {
          allow(s, union(DOC, DATA_DEFS, Set.of("presence", "config")));
          checkConfig(s);
          ContainerSchema c = new ContainerSchema(s.argument(), namespace, description(s), s.where(),
              s.childArgument("presence").orElse(null));
          parent.addChild(c);
          buildChildren(ctx, s, c, namespace, expanding);
        }
        case "list" -> {
          allow(s, union(DOC, DATA_DEFS,
              Set.of("key", "unique", "ordered-by", "min-elements", "max-elements", "config")));
          checkConfig(s);
          ListSchema l = new ListSchema(s.argument(), namespace, description(s), s.where(),
              s.childArgument("key").map(k -> List.of(k.trim().split("\\s+"))).orElse(List.of()),
              orderedByUser(s), minElements(s), maxElements(s),
              s.children("unique").stream().map(u -> List.of(u.argument().trim().split("\\s+"))).toList());
          parent.addChild(l);
          buildChildren(ctx, s, l, namespace, expanding);
          l.bindKeys();
          checkUniques(l);
        }
        case "leaf" -> parent.addChild(leaf(ctx, s, namespace));
        case "leaf-list" -> {
          allow(s, union(DOC, Set.of("type", "ordered-by", "min-elements", "max-elements", "units", "config")));
          checkConfig(s);
          List<LeafrefType> refs = new ArrayList<>();
          LeafType type = resolveType(ctx, typeStatement(s), refs);
          LeafListSchema ll = new LeafListSchema(s.argument(), namespace, description(s), s.where(),
              type, orderedByUser(s), minElements(s), maxElements(s), s.childArgument("units").orElse(null));
          refs.forEach(r -> leafrefs.add(new PendingLeafref(r, ctx, ll)));
          parent.addChild(ll);
        }
        case "choice" -> choice(ctx, s, parent, namespace, expanding);
        case "uses" -> {
          allow(s, DOC);
          String[] ref = splitPrefix(s.argument());
          ModuleContext owner = moduleFor(ctx, ref[0], s);
          YangStatement grouping = owner.groupings.get(ref[1]);
          if (grouping == null) {
            throw new YangException(s.where(), "no grouping \"" + s.argument() + "\"");
          }
          String key = owner.info.name() + ":" + ref[1];
          if (!expanding.add(key)) {
            throw new YangException(s.where(), "grouping " + s.argument() + " uses itself");
          }
          buildChildren(owner, grouping, parent, namespace, expanding);
          expanding.remove(key);
        }
        default -> {
          // metadata statements were checked by allow() of the parent
        }
      }
    }
  }

  private void choice(ModuleContext ctx, YangStatement s, InteriorSchema parent, YangModule namespace,
      Set<String> expanding) {
    allow(s, union(DOC, Set.of("mandatory", "default", "case", "container", "list", "leaf",
        "leaf-list", "choice", "config")));
    checkConfig(s);
    boolean mandatory = s.childArgument("mandatory").map("true"::equals).orElse(false);
    String defaultCase = s.childArgument("default").orElse(null);
    if (mandatory && defaultCase != null) {
      throw new YangException(s.where(), "a mandatory choice cannot have a default case");
    }
    ChoiceSchema choice = new ChoiceSchema(s.argument(), namespace, description(s), s.where(),
        mandatory, defaultCase);
    parent.addChild(choice);
    for (YangStatement c : s.children()) {
      if (c.keyword().equals("case")) {
        allow(c, union(DOC, DATA_DEFS));
        CaseSchema cs = new CaseSchema(c.argument(), namespace, description(c), c.where());
        choice.addChild(cs);
        buildChildren(ctx, c, cs, namespace, expanding);
      } else if (DATA_DEFS.contains(c.keyword())) {
        // Shorthand case (§7.9.2): the data node is wrapped in a case of the same name.
        CaseSchema cs = new CaseSchema(c.argument(), namespace, "", c.where());
        choice.addChild(cs);
        buildChildren(ctx, new YangStatement("case", c.argument(), List.of(c), c.source(), c.line()),
            cs, namespace, expanding);
      }
    }
    if (defaultCase != null && !choice.children().containsKey(defaultCase)) {
      throw new YangException(s.where(), "default case \"" + defaultCase + "\" does not exist");
    }
  }

  private LeafSchema leaf(ModuleContext ctx, YangStatement s, YangModule namespace) {
    allow(s, union(DOC, Set.of("type", "default", "mandatory", "units", "config")));
    checkConfig(s);
    List<LeafrefType> refs = new ArrayList<>();
    LeafType type = resolveType(ctx, typeStatement(s), refs);
    boolean mandatory = s.childArgument("mandatory").map("true"::equals).orElse(false);
    String defaultText = s.childArgument("default").orElseGet(() -> typedefDefault(ctx, typeStatement(s)));
    if (mandatory && s.child("default").isPresent()) {
      throw new YangException(s.where(), "a mandatory leaf cannot have a default");
    }
    Object defaultValue = null;
    if (defaultText != null && !mandatory) {
      if (!refs.isEmpty()) {
        throw new YangException(s.where(), "defaults on leafrefs are not supported");
      }
      try {
        defaultValue = type.parseDefault(defaultText);
      } catch (InvalidValueException e) {
        throw new YangException(s.where(), "default " + defaultText + ": " + e.getMessage());
      }
    }
    LeafSchema leaf = new LeafSchema(s.argument(), namespace, description(s), s.where(), type,
        defaultValue, mandatory, s.childArgument("units").orElse(null));
    refs.forEach(r -> leafrefs.add(new PendingLeafref(r, ctx, leaf)));
    return leaf;
  }

  private String typedefDefault(ModuleContext ctx, YangStatement type) {
    String[] ref = splitPrefix(type.argument());
    if (ref[0] == null && BUILTINS.contains(ref[1])) {
      return null;
    }
    ModuleContext owner = moduleFor(ctx, ref[0], type);
    YangStatement typedef = owner.typedefs.get(ref[1]);
    if (typedef == null) {
      return null;
    }
    return typedef.childArgument("default").orElseGet(() -> typedefDefault(owner, typeStatement(typedef)));
  }

  // ---------------------------------------------------------------------------------- types

  private LeafType resolveType(ModuleContext ctx, YangStatement type, List<LeafrefType> refs) {
    allow(type, Set.of("range", "length", "pattern", "enum", "fraction-digits", "path",
        "require-instance", "type"));
    String[] ref = splitPrefix(type.argument());
    LeafType base;
    if (ref[0] == null && BUILTINS.contains(ref[1])) {
      base = builtin(ctx, type, refs);
    } else {
      ModuleContext owner = moduleFor(ctx, ref[0], type);
      base = typedef(owner, ref[1], type, refs);
    }
    return restrict(base, type, base.name());
  }

  private LeafType builtin(ModuleContext ctx, YangStatement type, List<LeafrefType> refs) {
    String name = type.argument();
    Ranges integer = IntegerType.builtinRange(name);
    if (integer != null) {
      return new IntegerType(name, name, integer);
    }
    return switch (name) {
      case "string" -> new StringType("string", StringType.BUILTIN_LENGTH, List.of(), null);
      case "boolean" -> new BooleanType("boolean");
      case "empty" -> new EmptyType("empty");
      case "decimal64" -> {
        int digits = Integer.parseInt(type.childArgument("fraction-digits").orElseThrow(
            () -> new YangException(type.where(), "decimal64 needs fraction-digits")));
        if (digits < 1 || digits > 18) {
          throw new YangException(type.where(), "fraction-digits must be 1..18");
        }
        yield new DecimalType("decimal64", digits, DecimalType.builtinRange(digits));
      }
      case "enumeration" -> enumeration(type);
      case "union" -> {
        List<LeafType> members = new ArrayList<>();
        for (YangStatement m : type.children("type")) {
          members.add(resolveType(ctx, m, refs));
        }
        if (members.isEmpty()) {
          throw new YangException(type.where(), "a union needs member types");
        }
        yield new UnionType("union", members);
      }
      case "leafref" -> {
        String path = type.childArgument("path").orElseThrow(
            () -> new YangException(type.where(), "leafref needs a path"));
        boolean requireInstance = type.childArgument("require-instance").map("true"::equals).orElse(true);
        LeafrefType r = new LeafrefType("leafref", path, requireInstance, type.where());
        refs.add(r);
        yield r;
      }
      default -> throw new YangException(type.where(), "type " + name + " is not supported");
    };
  }

  private EnumerationType enumeration(YangStatement type) {
    List<EnumerationType.EnumValue> values = new ArrayList<>();
    int next = 0;
    Set<String> names = new HashSet<>();
    for (YangStatement e : type.children("enum")) {
      allow(e, union(DOC, Set.of("value")));
      int value = e.childArgument("value").map(Integer::parseInt).orElse(next);
      if (!names.add(e.argument())) {
        throw new YangException(e.where(), "duplicate enum " + e.argument());
      }
      values.add(new EnumerationType.EnumValue(e.argument(), value, description(e)));
      next = value + 1;
    }
    if (values.isEmpty()) {
      throw new YangException(type.where(), "an enumeration needs enums");
    }
    return new EnumerationType("enumeration", values);
  }

  private LeafType typedef(ModuleContext owner, String name, YangStatement use, List<LeafrefType> refs) {
    YangStatement typedef = owner.typedefs.get(name);
    if (typedef == null) {
      throw new YangException(use.where(), "no type \"" + use.argument() + "\"");
    }
    LeafType cached = owner.resolvedTypedefs.get(name);
    if (cached != null) {
      return cached;
    }
    if (!owner.resolving.add(name)) {
      throw new YangException(typedef.where(), "typedef " + name + " refers to itself");
    }
    List<LeafrefType> own = new ArrayList<>();
    LeafType type = resolveType(owner, typeStatement(typedef), own);
    owner.resolving.remove(name);
    String qualified = owner.info.name() + ":" + name;
    type = renamed(type, qualified);
    StringSemantics semantics = WellKnownTypes.forTypedef(qualified);
    if (semantics != null) {
      if (!(type instanceof StringType st)) {
        throw new YangException(typedef.where(), qualified + " must be a string type");
      }
      type = st.withSemantics(semantics);
    }
    if (own.isEmpty()) {
      owner.resolvedTypedefs.put(name, type);
    } else {
      // a leafref is bound per use (a relative path depends on where it is used): no caching
      refs.addAll(own);
    }
    return type;
  }

  private static LeafType renamed(LeafType t, String name) {
    return switch (t) {
      case IntegerType i -> new IntegerType(i.builtin(), name, i.ranges());
      case DecimalType d -> new DecimalType(name, d.fractionDigits(), d.ranges());
      case StringType s -> new StringType(name, s.lengths(), s.patterns(), s.semantics());
      case BooleanType b -> new BooleanType(name);
      case EnumerationType e -> new EnumerationType(name, e.values());
      case EmptyType e -> new EmptyType(name);
      case UnionType u -> new UnionType(name, u.members());
      case LeafrefType r -> r;
    };
  }

  /** Applies the range/length/pattern substatements of a {@code type} statement. */
  private static LeafType restrict(LeafType base, YangStatement type, String name) {
    var range = type.child("range");
    var length = type.child("length");
    List<YangStatement> patterns = type.children("pattern");
    try {
      if (range.isPresent()) {
        allow(range.get(), union(DOC, Set.of("error-message", "error-app-tag")));
        return switch (base) {
          case IntegerType i -> new IntegerType(i.builtin(), name, Ranges.parse(range.get().argument(), i.ranges()));
          case DecimalType d -> new DecimalType(name, d.fractionDigits(), Ranges.parse(range.get().argument(), d.ranges()));
          default -> throw new YangException(type.where(), "range applies to numeric types only");
        };
      }
      if (length.isPresent() || !patterns.isEmpty()) {
        if (!(base instanceof StringType s)) {
          throw new YangException(type.where(), "length and pattern apply to strings only");
        }
        length.ifPresent(l -> allow(l, union(DOC, Set.of("error-message", "error-app-tag"))));
        Ranges lengths = length.map(l -> Ranges.parse(l.argument(), s.lengths())).orElse(null);
        List<StringType.YangPattern> compiled = new ArrayList<>();
        for (YangStatement p : patterns) {
          allow(p, union(DOC, Set.of("error-message", "error-app-tag", "modifier")));
          boolean invert = p.childArgument("modifier").map("invert-match"::equals).orElse(false);
          compiled.add(StringType.YangPattern.compile(p.argument(), invert,
              p.childArgument("error-message").orElse(null)));
        }
        return s.restrict(name, lengths, compiled);
      }
    } catch (IllegalArgumentException e) {
      throw new YangException(type.where(), e.getMessage());
    }
    return base;
  }

  // ------------------------------------------------------------------------------ leafrefs

  private void bindLeafrefs() {
    for (PendingLeafref p : leafrefs) {
      String path = p.type.path().trim();
      if (path.contains("[")) {
        throw new YangException(p.type.where(), "leafref paths with predicates are not supported");
      }
      SchemaNode at;
      String[] steps;
      if (path.startsWith("/")) {
        at = root;
        steps = path.substring(1).split("/");
      } else {
        at = p.leaf;
        steps = path.split("/");
      }
      for (String step : steps) {
        if (step.equals("..")) {
          at = at.dataParent();
          if (at == null) {
            throw new YangException(p.type.where(), "leafref path " + path + " climbs above the root");
          }
          continue;
        }
        String[] ref = splitPrefix(step);
        String module = ref[0] == null ? p.context.info.name() : moduleFor(p.context, ref[0],
            new YangStatement("path", path, List.of(), p.type.where(), 0)).info.name();
        SchemaNode next = at instanceof InteriorSchema i ? i.dataChild(ref[1]) : null;
        if (next == null || !next.module().name().equals(module)) {
          throw new YangException(p.type.where(), "leafref path " + path + ": no node " + step);
        }
        at = next;
      }
      if (!(at instanceof LeafSchema target)) {
        throw new YangException(p.type.where(), "leafref path " + path + " does not end at a leaf");
      }
      p.type.bind(target);
    }
  }

  // ------------------------------------------------------------------------------- helpers

  private static void checkUniques(ListSchema l) {
    for (List<String> unique : l.uniques()) {
      for (String path : unique) {
        SchemaNode at = l;
        for (String step : path.split("/")) {
          at = at instanceof InteriorSchema i ? i.dataChild(splitPrefix(step)[1]) : null;
        }
        if (!(at instanceof LeafSchema)) {
          throw new YangException(l.where(), "unique " + path + " does not name a leaf");
        }
      }
    }
  }

  private ModuleContext moduleFor(ModuleContext ctx, String prefix, YangStatement where) {
    if (prefix == null) {
      return ctx;
    }
    String module = ctx.prefixes.get(prefix);
    if (module == null) {
      throw new YangException(where.where(), "unknown prefix " + prefix);
    }
    return modules.get(module);
  }

  private static String[] splitPrefix(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? new String[] {null, name} : new String[] {name.substring(0, colon), name.substring(colon + 1)};
  }

  private static YangStatement typeStatement(YangStatement s) {
    return s.child("type").orElseThrow(() -> new YangException(s.where(), s.keyword() + " " + s.argument() + " needs a type"));
  }

  private static void checkConfig(YangStatement s) {
    if (s.childArgument("config").map("false"::equals).orElse(false)) {
      throw new YangException(s.where(), "config false (state data) is not supported yet");
    }
  }

  private static boolean orderedByUser(YangStatement s) {
    return s.childArgument("ordered-by").map("user"::equals).orElse(false);
  }

  private static long minElements(YangStatement s) {
    return s.childArgument("min-elements").map(Long::parseLong).orElse(0L);
  }

  private static long maxElements(YangStatement s) {
    return s.childArgument("max-elements").filter(m -> !m.equals("unbounded")).map(Long::parseLong)
        .orElse(Long.MAX_VALUE);
  }

  private static String description(YangStatement s) {
    return s.childArgument("description").map(d -> d.replaceAll("\\s+", " ").trim()).orElse("");
  }

  private static String required(YangStatement s, String keyword) {
    return s.childArgument(keyword).orElseThrow(
        () -> new YangException(s.where(), s.keyword() + " " + s.argument() + " needs " + keyword));
  }

  private static void allow(YangStatement s, Set<String> allowed) {
    for (YangStatement c : s.children()) {
      if (!c.isExtension() && !allowed.contains(c.keyword())) {
        throw new YangException(c.where(), "statement \"" + c.keyword() + "\" is not supported in "
            + s.keyword() + " (Outpost's YANG subset, see SchemaCompiler)");
      }
    }
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
