package io.outpost.controlplane.yang;

/** A leaf-list (RFC 7950 §7.7): a set (or user-ordered sequence) of distinct typed values. */
public final class LeafListSchema extends SchemaNode {
  private final LeafType type;
  private final boolean orderedByUser;
  private final long minElements;
  private final long maxElements;
  private final String units;

  LeafListSchema(String name, YangModule module, String description, String where,
      LeafType type, boolean orderedByUser, long minElements, long maxElements, String units) {
    super(name, module, description, where);
    this.type = type;
    this.orderedByUser = orderedByUser;
    this.minElements = minElements;
    this.maxElements = maxElements;
    this.units = units;
  }

  public LeafType type() {
    return type;
  }

  public boolean orderedByUser() {
    return orderedByUser;
  }

  public long minElements() {
    return minElements;
  }

  public long maxElements() {
    return maxElements;
  }

  public String units() {
    return units;
  }
}
