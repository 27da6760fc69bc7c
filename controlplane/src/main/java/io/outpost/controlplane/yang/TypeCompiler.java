package io.outpost.controlplane.yang;

import static io.outpost.controlplane.yang.Statements.DOC;
import static io.outpost.controlplane.yang.Statements.allow;
import static io.outpost.controlplane.yang.Statements.description;
import static io.outpost.controlplane.yang.Statements.splitPrefix;
import static io.outpost.controlplane.yang.Statements.typeStatement;
import static io.outpost.controlplane.yang.Statements.union;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code type} statements into {@link LeafType}s: built-in types, typedef chains (resolved
 * once per module and cached, with cycle detection), and the range, length and pattern
 * restrictions each step adds. Leafrefs are handed back to the caller for binding, because
 * their targets exist only once every module is compiled.
 */
final class TypeCompiler {
  static final Set<String> BUILTINS = Set.of(
      "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "decimal64",
      "string", "boolean", "enumeration", "empty", "union", "leafref");

  private final Map<String, ModuleContext> modules;

  TypeCompiler(Map<String, ModuleContext> modules) {
    this.modules = modules;
  }

  LeafType resolveType(ModuleContext ctx, YangStatement type, List<LeafrefType> refs) {
    allow(type, Set.of("range", "length", "pattern", "enum", "fraction-digits", "path",
        "require-instance", "type"));
    String[] ref = splitPrefix(type.argument());
    LeafType base;
    if (ref[0] == null && BUILTINS.contains(ref[1])) {
      base = builtin(ctx, type, refs);
    } else {
      ModuleContext owner = ctx.resolve(ref[0], type, modules);
      base = typedef(owner, ref[1], type, refs);
    }
    return restrict(base, type, base.name());
  }

  String typedefDefault(ModuleContext ctx, YangStatement type) {
    String[] ref = splitPrefix(type.argument());
    if (ref[0] == null && BUILTINS.contains(ref[1])) {
      return null;
    }
    ModuleContext owner = ctx.resolve(ref[0], type, modules);
    YangStatement typedef = owner.typedefs.get(ref[1]);
    if (typedef == null) {
      return null;
    }
    return typedef.childArgument("default").orElseGet(() -> typedefDefault(owner, typeStatement(typedef)));
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
}
