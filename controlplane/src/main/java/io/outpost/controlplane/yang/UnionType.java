package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;

/** union (RFC 7950 §9.12): the first member type that accepts a value decides its meaning. */
public record UnionType(String name, List<LeafType> members) implements LeafType {
  public UnionType {
    members = List.copyOf(members);
  }

  @Override
  public String builtin() {
    return "union";
  }

  @Override
  public Object parse(String text) throws InvalidValueException {
    return firstAccepting(m -> m.parse(text), "\"" + text + "\"");
  }

  @Override
  public Object parseDefault(String text) throws InvalidValueException {
    return firstAccepting(m -> m.parseDefault(text), "\"" + text + "\"");
  }

  @Override
  public Object fromJson(JsonValue json) throws InvalidValueException {
    return firstAccepting(m -> m.fromJson(json), "the value");
  }

  private interface Reader {
    Object read(LeafType member) throws InvalidValueException;
  }

  /** §9.12: the first member that accepts the value; else the nearest miss's reason. */
  private Object firstAccepting(Reader reader, String what) throws InvalidValueException {
    InvalidValueException nearMiss = null;
    for (LeafType m : members) {
      try {
        return reader.read(m);
      } catch (InvalidValueException e) {
        if (e.isNearMiss() && nearMiss == null) {
          nearMiss = e;
        }
      }
    }
    if (nearMiss != null) {
      throw nearMiss;
    }
    throw new InvalidValueException(what + " is not a valid " + name + " (" + describe() + ")");
  }

  @Override
  public JsonValue toJson(Object value) {
    return memberFor(value).toJson(value);
  }

  @Override
  public String format(Object value) {
    return memberFor(value).format(value);
  }

  private LeafType memberFor(Object value) {
    for (LeafType m : members) {
      if (m.accepts(value)) {
        return m;
      }
    }
    throw new IllegalStateException(value + " belongs to no member of " + name);
  }

  @Override
  public boolean accepts(Object value) {
    return members.stream().anyMatch(m -> m.accepts(value));
  }

  @Override
  public String describe() {
    return members.stream().map(LeafType::describe).collect(Collectors.joining(" or "));
  }

  @Override
  public List<String> completions() {
    return members.stream().flatMap(m -> m.completions().stream()).toList();
  }
}
