package io.outpost.controlplane.yang;

/** A leaf (RFC 7950 §7.6): one typed value, maybe with a default, maybe mandatory. */
public final class LeafSchema extends SchemaNode {
  private final LeafType type;
  private final Object defaultValue;
  private final boolean mandatory;
  private final String units;

  LeafSchema(String name, YangModule module, String description, String where,
      LeafType type, Object defaultValue, boolean mandatory, String units) {
    super(name, module, description, where);
    this.type = type;
    this.defaultValue = defaultValue;
    this.mandatory = mandatory;
    this.units = units;
  }

  public LeafType type() {
    return type;
  }

  /** The default as a canonical value of {@link #type()}, or null if the leaf has none. */
  public Object defaultValue() {
    return defaultValue;
  }

  public boolean isMandatory() {
    return mandatory;
  }

  public String units() {
    return units;
  }
}
