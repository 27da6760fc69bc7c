package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.LeafSchema;

/** A leaf's value: a canonical Java value of the leaf's type (see LeafType). */
public record LeafNode(LeafSchema schema, Object value) implements DataNode {
  public String text() {
    return schema.type().format(value);
  }
}
