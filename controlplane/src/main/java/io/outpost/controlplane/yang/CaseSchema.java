package io.outpost.controlplane.yang;

/** One case of a {@link ChoiceSchema}. */
public final class CaseSchema extends InteriorSchema {
  CaseSchema(String name, YangModule module, String description, String where) {
    super(name, module, description, where);
  }

  public ChoiceSchema choice() {
    return (ChoiceSchema) parent();
  }
}
