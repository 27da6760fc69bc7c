package io.outpost.controlplane.yang;

import java.util.List;
import java.util.Optional;

/**
 * One YANG statement as written (RFC 7950 §6.3): a keyword, an optional argument, substatements,
 * and where it stands in its file so that every schema error can point at a line.
 */
public record YangStatement(
    String keyword, String argument, List<YangStatement> children, String source, int line) {

  public YangStatement {
    children = List.copyOf(children);
  }

  /** The first substatement with this keyword. */
  public Optional<YangStatement> child(String keyword) {
    return children.stream().filter(c -> c.keyword.equals(keyword)).findFirst();
  }

  /** The argument of the first substatement with this keyword. */
  public Optional<String> childArgument(String keyword) {
    return child(keyword).map(YangStatement::argument);
  }

  public List<YangStatement> children(String keyword) {
    return children.stream().filter(c -> c.keyword.equals(keyword)).toList();
  }

  /** A keyword with a prefix ({@code ext:thing}) belongs to an extension. */
  public boolean isExtension() {
    return keyword.indexOf(':') >= 0;
  }

  public String where() {
    return source + ":" + line;
  }
}
