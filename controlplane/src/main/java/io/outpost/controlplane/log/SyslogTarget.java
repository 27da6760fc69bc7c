package io.outpost.controlplane.log;

import java.util.Objects;

/**
 * One syslog server that receives the daemon's log events: where it is, how to reach it, the
 * facility to stamp on messages and the lowest level it wants.
 *
 * @param host         a host name or an IP literal, resolved when the target is prepared
 * @param port         1 to 65535; 514 is the registered port for both transports
 * @param transport    UDP or TCP
 * @param facility     the facility part of PRI
 * @param minimumLevel events below this level are not sent to this server
 */
public record SyslogTarget(String host, int port, SyslogTransport transport, SyslogFacility facility,
               LogLevel minimumLevel) {

  public SyslogTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(minimumLevel, "minimumLevel");
    if (host.isBlank()) {
      throw new IllegalArgumentException("syslog server host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("syslog server \"" + host + "\": port " + port + " is not in 1..65535");
    }
  }

  /** Where messages go; two targets with the same endpoint would share one connection. */
  SyslogEndpoint endpoint() {
    return new SyslogEndpoint(host, port, transport);
  }
}
