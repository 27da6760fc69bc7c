package io.outpost.bgp.speaker;

import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import java.util.function.Supplier;

/**
 * The speaker as a whole: its AS and BGP identifier, where it listens, the decision process's
 * options, and where its sockets come from.
 *
 * @param listenPort TCP port for incoming sessions (179); 0 to not listen
 * @param socketFactory makes the channels of outgoing connections; null for the transport's
 *     own (a factory lets the caller create sockets in another network namespace)
 * @param serverSocketFactory the same for the listening socket
 * @param clusterId the route-reflection cluster ID (RFC 4456) we add to CLUSTER_LIST when we
 *     reflect a route; 0 for the router ID
 */
public record SpeakerConfig(long localAs, long routerId, int listenPort,
    boolean alwaysCompareMed, int maximumPaths, Supplier<? extends SocketChannel> socketFactory,
    Supplier<? extends ServerChannel> serverSocketFactory, long clusterId) {
  public static SpeakerConfig of(long localAs, long routerId) {
    return new SpeakerConfig(localAs, routerId, 179, false, 1, null, null, 0);
  }

  /** The cluster ID in effect: the configured one, else the router ID. */
  public long effectiveClusterId() {
    return clusterId != 0 ? clusterId : routerId;
  }

  public SpeakerConfig withClusterId(long id) {
    return new SpeakerConfig(localAs, routerId, listenPort, alwaysCompareMed, maximumPaths,
        socketFactory, serverSocketFactory, id);
  }

  public SpeakerConfig withListenPort(int port) {
    return new SpeakerConfig(localAs, routerId, port, alwaysCompareMed, maximumPaths,
        socketFactory, serverSocketFactory, clusterId);
  }

  public SpeakerConfig withMaximumPaths(int paths) {
    return new SpeakerConfig(localAs, routerId, listenPort, alwaysCompareMed, paths,
        socketFactory, serverSocketFactory, clusterId);
  }

  public SpeakerConfig withAlwaysCompareMed(boolean always) {
    return new SpeakerConfig(localAs, routerId, listenPort, always, maximumPaths,
        socketFactory, serverSocketFactory, clusterId);
  }

  public SpeakerConfig withSockets(Supplier<? extends SocketChannel> sockets,
      Supplier<? extends ServerChannel> serverSockets) {
    return new SpeakerConfig(localAs, routerId, listenPort, alwaysCompareMed, maximumPaths,
        sockets, serverSockets, clusterId);
  }
}
