package io.outpost.controlplane.log;

import java.util.Locale;

/** How syslog messages travel to a server. */
public enum SyslogTransport {
  /** RFC 5426: one message per datagram, no delivery guarantee, nothing to wait for. */
  UDP,
  /** RFC 6587 octet-counting framing over a TCP connection kept open by a background thread. */
  TCP;

  /** The lower-case name used in configuration and messages: {@code "udp"}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
