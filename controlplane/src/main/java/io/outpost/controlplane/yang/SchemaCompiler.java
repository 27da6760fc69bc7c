package io.outpost.controlplane.yang;

import static io.outpost.controlplane.yang.Statements.DATA_DEFS;
import static io.outpost.controlplane.yang.Statements.DOC;
import static io.outpost.controlplane.yang.Statements.allow;
import static io.outpost.controlplane.yang.Statements.description;
import static io.outpost.controlplane.yang.Statements.required;
import static io.outpost.controlplane.yang.Statements.splitPrefix;
import static io.outpost.controlplane.yang.Statements.typeStatement;
import static io.outpost.controlplane.yang.Statements.union;

import java.util.ArrayList;
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


  private final Map<String, ModuleContext> modules = new LinkedHashMap<>();
  private final List<PendingLeafref> leafrefs = new ArrayList<>();
  private final RootSchema root = new RootSchema();
  private final TypeCompiler types = new TypeCompiler(modules);

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
      if (TypeCompiler.BUILTINS.contains(t.argument()) || ctx.typedefs.put(t.argument(), t) != null) {
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
          LeafType type = types.resolveType(ctx, typeStatement(s), refs);
          LeafListSchema ll = new LeafListSchema(s.argument(), namespace, description(s), s.where(),
              type, orderedByUser(s), minElements(s), maxElements(s), s.childArgument("units").orElse(null));
          refs.forEach(r -> leafrefs.add(new PendingLeafref(r, ctx, ll)));
          parent.addChild(ll);
        }
        case "choice" -> choice(ctx, s, parent, namespace, expanding);
        case "uses" -> {
          allow(s, DOC);
          String[] ref = splitPrefix(s.argument());
          ModuleContext owner = ctx.resolve(ref[0], s, modules);
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
    LeafType type = types.resolveType(ctx, typeStatement(s), refs);
    boolean mandatory = s.childArgument("mandatory").map("true"::equals).orElse(false);
    String defaultText = s.childArgument("default").orElseGet(() -> types.typedefDefault(ctx, typeStatement(s)));
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
        String module = ref[0] == null ? p.context.info.name() : p.context.resolve(ref[0],
            new YangStatement("path", path, List.of(), p.type.where(), 0), modules).info.name();
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




}
