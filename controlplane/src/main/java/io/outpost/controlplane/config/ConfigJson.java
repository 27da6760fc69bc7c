package io.outpost.controlplane.config;

import io.outpost.controlplane.json.JsonParser;
import io.outpost.controlplane.json.JsonSyntaxException;
import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonArray;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonWriter;
import io.outpost.controlplane.yang.CaseSchema;
import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.InteriorSchema;
import io.outpost.controlplane.yang.InvalidValueException;
import io.outpost.controlplane.yang.LeafListSchema;
import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.RootSchema;
import io.outpost.controlplane.yang.Schema;
import io.outpost.controlplane.yang.SchemaNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes configuration as JSON encoded per RFC 7951: top-level members qualified with
 * their module name, lists as arrays, 64-bit numbers and decimals as strings, empty as
 * {@code [null]}. This is the form on disk, in the commit history, and over REST.
 *
 * <p>Reading reports every problem it finds, each with its path, rather than stopping at the
 * first: a refused file should be fixed in one pass.
 */
public final class ConfigJson {
  /** Beyond this many errors, reading stops: the file is probably not a configuration at all. */
  private static final int MAX_ERRORS = 50;

  private final List<ConfigError> errors = new ArrayList<>();

  private ConfigJson() {}

  /** Parses and reads a document; syntax errors are reported with line and column. */
  public static ConfigTree read(Schema schema, String text) throws ConfigException {
    JsonValue json;
    try {
      json = JsonParser.parse(text);
    } catch (JsonSyntaxException e) {
      throw new ConfigException(DataPath.ROOT, "not valid JSON: " + e.getMessage());
    }
    return read(schema, json);
  }

  public static ConfigTree read(Schema schema, JsonValue json) throws ConfigException {
    if (!(json instanceof JsonObject object)) {
      throw new ConfigException(DataPath.ROOT, "a configuration is a JSON object, not " + json.typeName());
    }
    ConfigJson reader = new ConfigJson();
    InnerNode root = reader.readInner(schema.root(), null, object, DataPath.ROOT);
    if (!reader.errors.isEmpty()) {
      throw new ConfigException(reader.errors);
    }
    return new ConfigTree(schema, root);
  }

  private InnerNode readInner(InteriorSchema schema, ListKey key, JsonObject object, DataPath path) {
    Map<String, DataNode> children = new HashMap<>();
    for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
      if (errors.size() >= MAX_ERRORS) {
        break;
      }
      SchemaNode child = resolveMember(schema, member.getKey(), path);
      if (child == null) {
        continue;
      }
      DataNode node = readNode(child, member.getValue(), path);
      if (node != null) {
        children.put(child.name(), node);
      }
    }
    checkCases(schema, children, path);
    return new InnerNode(schema, key, children);
  }

  /** Finds the schema node a member names, applying RFC 7951 §4's qualification rules. */
  private SchemaNode resolveMember(InteriorSchema schema, String member, DataPath path) {
    int colon = member.indexOf(':');
    String module = colon < 0 ? null : member.substring(0, colon);
    String name = colon < 0 ? member : member.substring(colon + 1);
    SchemaNode child = schema.dataChild(name);
    if (child == null || (module != null && !child.module().name().equals(module))) {
      errors.add(new ConfigError(path, "unknown member \"" + member + "\"" + suggestion(schema, name)));
      return null;
    }
    if (module == null && schema instanceof RootSchema) {
      errors.add(new ConfigError(path, "top-level member \"" + member + "\" must be qualified with its"
          + " module, as \"" + child.module().name() + ":" + name + "\" (RFC 7951 section 4)"));
      return null;
    }
    return child;
  }

  private static String suggestion(InteriorSchema schema, String name) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : schema.dataChildren().keySet()) {
      int d = editDistance(name, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    if (best != null) {
      return " (did you mean \"" + best + "\"?)";
    }
    return schema.dataChildren().isEmpty() ? "" : "; expected one of " + String.join(", ", schema.dataChildren().keySet());
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private DataNode readNode(SchemaNode schema, JsonValue value, DataPath parentPath) {
    DataPath path = parentPath.child(schema);
    return switch (schema) {
      case ContainerSchema c -> {
        if (!(value instanceof JsonObject o)) {
          errors.add(new ConfigError(path, "expected a JSON object, found " + value.typeName()));
          yield null;
        }
        InnerNode node = readInner(c, null, o, path);
        yield node.children().isEmpty() && !c.isPresence() ? null : node;
      }
      case ListSchema l -> readList(l, value, path);
      case LeafSchema leaf -> {
        try {
          yield new LeafNode(leaf, leaf.type().fromJson(value));
        } catch (InvalidValueException e) {
          errors.add(new ConfigError(path, e.getMessage()));
          yield null;
        }
      }
      case LeafListSchema ll -> readLeafList(ll, value, path);
      default -> throw new IllegalStateException("not a data node: " + schema);
    };
  }

  private ListNode readList(ListSchema l, JsonValue value, DataPath path) {
    if (!(value instanceof JsonArray array)) {
      errors.add(new ConfigError(path, "a list is a JSON array, found " + value.typeName()));
      return null;
    }
    LinkedHashMap<ListKey, InnerNode> entries = new LinkedHashMap<>();
    int index = 0;
    for (JsonValue item : array.items()) {
      index++;
      if (!(item instanceof JsonObject o)) {
        errors.add(new ConfigError(path, "entry " + index + " is " + item.typeName() + ", not an object"));
        continue;
      }
      ListKey key = readKey(l, o, path, index);
      if (key == null) {
        continue;
      }
      DataPath entryPath = path.parent().entry(l, key);
      if (entries.containsKey(key)) {
        errors.add(new ConfigError(entryPath, "duplicate entry"));
        continue;
      }
      entries.put(key, readInner(l, key, o, entryPath));
    }
    return entries.isEmpty() ? null : new ListNode(l, entries);
  }

  private ListKey readKey(ListSchema l, JsonObject entry, DataPath path, int index) {
    List<Object> values = new ArrayList<>();
    for (LeafSchema k : l.keys()) {
      JsonValue v = entry.get(k.name());
      if (v == null) {
        v = entry.get(k.module().name() + ":" + k.name());
      }
      if (v == null) {
        errors.add(new ConfigError(path, "entry " + index + " lacks its key \"" + k.name() + "\""));
        return null;
      }
      try {
        values.add(k.type().fromJson(v));
      } catch (InvalidValueException e) {
        errors.add(new ConfigError(path, "entry " + index + ", key " + k.name() + ": " + e.getMessage()));
        return null;
      }
    }
    return new ListKey(values);
  }

  private LeafListNode readLeafList(LeafListSchema ll, JsonValue value, DataPath path) {
    if (!(value instanceof JsonArray array)) {
      errors.add(new ConfigError(path, "a leaf-list is a JSON array, found " + value.typeName()));
      return null;
    }
    LeafListNode node = null;
    for (JsonValue item : array.items()) {
      try {
        Object v = ll.type().fromJson(item);
        if (node != null && node.values().contains(v)) {
          errors.add(new ConfigError(path, "duplicate value " + ll.type().format(v)));
          continue;
        }
        node = node == null ? new LeafListNode(ll, List.of(v)) : node.with(v);
      } catch (InvalidValueException e) {
        errors.add(new ConfigError(path, e.getMessage()));
      }
    }
    return node;
  }

  /** RFC 7950 §7.9: data of two cases of one choice cannot coexist. */
  private void checkCases(InteriorSchema schema, Map<String, DataNode> children, DataPath path) {
    Map<Object, CaseSchema> seen = new HashMap<>();
    Map<Object, String> seenBy = new HashMap<>();
    for (String name : schema.dataChildren().keySet()) {
      DataNode child = children.get(name);
      if (child == null) {
        continue;
      }
      for (CaseSchema c : child.schema().enclosingCases()) {
        CaseSchema other = seen.putIfAbsent(c.choice(), c);
        if (other != null && other != c) {
          errors.add(new ConfigError(path, "\"" + seenBy.get(c.choice()) + "\" and \"" + child.schema().name()
              + "\" exclude each other (choice " + c.choice().name() + ")"));
        }
        seenBy.putIfAbsent(c.choice(), child.schema().name());
      }
    }
  }

  // -------------------------------------------------------------------------------- writing

  public static JsonObject write(ConfigTree tree) {
    return writeInner(tree.root(), null);
  }

  /** The RFC 7951 document, pretty-printed: the on-disk form. */
  public static String writePretty(ConfigTree tree) {
    return JsonWriter.pretty(write(tree));
  }

  private static JsonObject writeInner(InnerNode node, String parentModule) {
    JsonValue.ObjectBuilder out = JsonValue.object();
    for (DataNode child : node.orderedChildren()) {
      String module = child.schema().module().name();
      String name = module.equals(parentModule) ? child.schema().name() : module + ":" + child.schema().name();
      out.put(name, writeNode(child, module));
    }
    return out.build();
  }

  private static JsonValue writeNode(DataNode node, String module) {
    return switch (node) {
      case InnerNode inner -> writeInner(inner, module);
      case ListNode list -> JsonValue.array(list.entries().values().stream().map(e -> writeInner(e, module)).toList());
      case LeafNode leaf -> leaf.schema().type().toJson(leaf.value());
      case LeafListNode ll -> JsonValue.array(ll.values().stream().map(v -> ll.schema().type().toJson(v)).toList());
    };
  }
}
