package io.outpost.controlplane.json;

/** A document that is not JSON, with the line and column (both from 1) where reading stopped. */
public final class JsonSyntaxException extends Exception {
  private final int line;
  private final int column;

  public JsonSyntaxException(int line, int column, String reason) {
    super("line " + line + ", column " + column + ": " + reason);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
