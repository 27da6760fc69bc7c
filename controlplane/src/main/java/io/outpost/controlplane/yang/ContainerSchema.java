package io.outpost.controlplane.yang;

/**
 * A container (RFC 7950 §7.5). A presence container means something by existing; a non-presence
 * container only organises its children and exists in data whenever one of them does.
 */
public final class ContainerSchema extends InteriorSchema {
  private final String presence;

  ContainerSchema(String name, YangModule module, String description, String where, String presence) {
    super(name, module, description, where);
    this.presence = presence;
  }

  public boolean isPresence() {
    return presence != null;
  }
}
