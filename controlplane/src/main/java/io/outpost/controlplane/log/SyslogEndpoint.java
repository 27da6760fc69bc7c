package io.outpost.controlplane.log;

/**
 * The address part of a {@link SyslogTarget}. A reconfiguration keeps the sender (socket,
 * connection, queue, counters) of every endpoint that stays, even when the facility or level of
 * its target changes, and only opens senders for new endpoints.
 */
record SyslogEndpoint(String host, int port, SyslogTransport transport) {

  @Override
  public String toString() {
    return host + ":" + port + "/" + transport.keyword();
  }
}
