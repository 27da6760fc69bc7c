package io.outpost.controlplane.yang;

/**
 * A choice (RFC 7950 §7.9): at most one of its cases has data at a time. Its children are cases
 * (a shorthand data node becomes a case of its own name when compiled).
 */
public final class ChoiceSchema extends InteriorSchema {
  private final boolean mandatory;
  private final String defaultCase;

  ChoiceSchema(String name, YangModule module, String description, String where,
      boolean mandatory, String defaultCase) {
    super(name, module, description, where);
    this.mandatory = mandatory;
    this.defaultCase = defaultCase;
  }

  public boolean isMandatory() {
    return mandatory;
  }

  public String defaultCase() {
    return defaultCase;
  }
}
