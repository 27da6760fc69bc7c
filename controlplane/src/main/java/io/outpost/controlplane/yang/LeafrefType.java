package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import java.util.List;

/**
 * leafref (RFC 7950 §9.9): a value that must equal an existing instance of the target leaf.
 * Values take the target's type; the existence check belongs to validation, which sees the whole
 * tree. The target is resolved once every module is compiled, hence the late binding.
 */
public final class LeafrefType implements LeafType {
  private final String name;
  private final String path;
  private final boolean requireInstance;
  private final String where;
  private LeafSchema target;

  LeafrefType(String name, String path, boolean requireInstance, String where) {
    this.name = name;
    this.path = path;
    this.requireInstance = requireInstance;
    this.where = where;
  }

  void bind(LeafSchema target) {
    this.target = target;
  }

  public String path() {
    return path;
  }

  public boolean requireInstance() {
    return requireInstance;
  }

  String where() {
    return where;
  }

  public LeafSchema target() {
    return target;
  }

  private LeafType targetType() {
    return target.type();
  }

  @Override
  public String builtin() {
    return "leafref";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Object parse(String text) throws InvalidValueException {
    return targetType().parse(text);
  }

  @Override
  public Object fromJson(JsonValue json) throws InvalidValueException {
    return targetType().fromJson(json);
  }

  @Override
  public JsonValue toJson(Object value) {
    return targetType().toJson(value);
  }

  @Override
  public String format(Object value) {
    return targetType().format(value);
  }

  @Override
  public boolean accepts(Object value) {
    return targetType().accepts(value);
  }

  @Override
  public String describe() {
    return "reference to " + path;
  }

  @Override
  public List<String> completions() {
    return targetType().completions();
  }
}
