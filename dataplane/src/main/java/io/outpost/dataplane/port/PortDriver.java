package io.outpost.dataplane.port;

/**
 * Opens {@link PortQueue}s on a named port. One driver instance per kind of port
 * ({@code afpacket}, {@code memory}); a port with several workers gets one queue per worker,
 * and the driver spreads received traffic across them (AF_PACKET fanout by flow hash).
 */
public interface PortDriver {

  /** The driver's name as configured ({@code afpacket}, {@code memory}). */
  String name();

  /**
   * Opens queue {@code queue} of {@code queues} on the port called {@code portName}.
   *
   * @throws PortException when the port does not exist or cannot be opened; the message says
   *     which port and why
   */
  PortQueue open(String portName, int queue, int queues) throws PortException;
}
