package io.outpost.controlplane.yang;

import java.util.ArrayList;
import java.util.List;

/** A list (RFC 7950 §7.8): entries identified by their key leaves. */
public final class ListSchema extends InteriorSchema {
  private final List<String> keyNames;
  private final boolean orderedByUser;
  private final long minElements;
  private final long maxElements;
  private final List<List<String>> uniques;
  private List<LeafSchema> keys;

  ListSchema(String name, YangModule module, String description, String where,
      List<String> keyNames, boolean orderedByUser, long minElements, long maxElements,
      List<List<String>> uniques) {
    super(name, module, description, where);
    this.keyNames = List.copyOf(keyNames);
    this.orderedByUser = orderedByUser;
    this.minElements = minElements;
    this.maxElements = maxElements;
    this.uniques = List.copyOf(uniques);
  }

  /** Resolves the key leaves once the children exist. */
  void bindKeys() {
    List<LeafSchema> resolved = new ArrayList<>();
    for (String k : keyNames) {
      SchemaNode child = children().get(k);
      if (!(child instanceof LeafSchema leaf)) {
        throw new YangException(where(), "key \"" + k + "\" is not a leaf directly in list " + name());
      }
      if (leaf.type() instanceof EmptyType) {
        throw new YangException(where(), "key \"" + k + "\" must not be of type empty");
      }
      resolved.add(leaf);
    }
    if (resolved.isEmpty()) {
      throw new YangException(where(), "configuration list " + name() + " needs a key");
    }
    keys = List.copyOf(resolved);
  }

  public List<LeafSchema> keys() {
    return keys;
  }

  public boolean isKey(String leafName) {
    return keyNames.contains(leafName);
  }

  /** ordered-by user: entries keep the order the user gave; otherwise sorted by key. */
  public boolean orderedByUser() {
    return orderedByUser;
  }

  public long minElements() {
    return minElements;
  }

  public long maxElements() {
    return maxElements;
  }

  /** Each {@code unique} statement as descendant leaf names (relative, slash-separated). */
  public List<List<String>> uniques() {
    return uniques;
  }
}
