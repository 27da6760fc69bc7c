package io.outpost.controlplane.yang;

/** The root of all compiled modules: its data children are the modules' top-level nodes. */
public final class RootSchema extends InteriorSchema {
  RootSchema() {
    super("", new YangModule("", "", "", "", ""), "", "(root)");
  }
}
