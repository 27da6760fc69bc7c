package io.outpost.bgp.wire;

/**
 * A BGP message type code (RFC 4271 section 4.1, RFC 2918 for ROUTE-REFRESH). An open value
 * type, after Netty's {@code DnsRecordType}: codes without a name still make a value, so the
 * framing layer can carry and report a type it does not know instead of failing on it.
 */
public record MessageType(int code, String name) {
  public static final MessageType OPEN = new MessageType(1, "OPEN");
  public static final MessageType UPDATE = new MessageType(2, "UPDATE");
  public static final MessageType NOTIFICATION = new MessageType(3, "NOTIFICATION");
  public static final MessageType KEEPALIVE = new MessageType(4, "KEEPALIVE");
  public static final MessageType ROUTE_REFRESH = new MessageType(5, "ROUTE-REFRESH");

  /** The type with this code: a named one, or an unnamed value for codes we do not know. */
  public static MessageType of(int code) {
    return switch (code) {
      case 1 -> OPEN;
      case 2 -> UPDATE;
      case 3 -> NOTIFICATION;
      case 4 -> KEEPALIVE;
      case 5 -> ROUTE_REFRESH;
      default -> new MessageType(code, "type " + code);
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
