package io.outpost.bgp.speaker;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.outpost.bgp.attr.AttributeInterner;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.BestPath;
import io.outpost.bgp.rib.LocRib;
import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.rib.RouteSource;
import io.outpost.bgp.wire.BgpMessageDecoder;
import io.outpost.bgp.wire.BgpMessageEncoder;
import io.outpost.bgp.wire.Family;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A BGP-4 speaker: its neighbors, its Loc-RIB, and one Netty event loop (epoll where the
 * platform has it) on which every session, timer and RIB change runs, so none of them needs a
 * lock. Reading is processing: an UPDATE is in the Loc-RIB before the next read, so a burst of
 * updates back-pressures the peer's TCP window instead of growing a queue.
 *
 * <p>Public methods may be called from any thread; they run their work on the event loop and
 * wait for it. Best-path changes are told to {@link LocRib.Listener}s on the event loop.
 */
public final class BgpSpeaker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.outpost.bgp");
  /** Above this many octets queued for a peer, its channel stops being writable. */
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10,
      1 << 20);

  private final SpeakerConfig config;
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final AttributeInterner interner = new AttributeInterner();
  private final LocRib locRib;
  private final Map<InetAddress, Peer> peers = new LinkedHashMap<>();
  /** The update groups of the established peers, by what shapes their outgoing routes. */
  private final Map<UpdateGroup.Key, UpdateGroup> groups = new LinkedHashMap<>();
  /** The same groups as an array, which every Loc-RIB change walks without an iterator. */
  private UpdateGroup[] groupList = {};
  private final LocalSource local;
  private final Map<Family, PrefixTable<PathAttributes>> originated = new java.util.EnumMap<>(
      Family.class);
  private Channel server;

  public BgpSpeaker(SpeakerConfig config) {
    this.config = config;
    IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory()
        : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(1, io);
    this.loop = group.next();
    this.locRib = new LocRib(new BestPath(config.alwaysCompareMed()),
        Math.max(1, config.maximumPaths()));
    this.local = new LocalSource(config.routerId());
    for (Family f : Family.values()) {
      originated.put(f, new PrefixTable<>());
    }
    locRib.addListener((family, hi, lo, length, best, multipath) -> {
      for (UpdateGroup g : groupList) {
        g.changed(family, hi, lo, length, best);
      }
    });
    locRib.addPathListener((family, hi, lo, length) -> {
      for (UpdateGroup g : groupList) {
        g.pathsChanged(family, hi, lo, length);
      }
    });
  }

  public SpeakerConfig config() {
    return config;
  }

  /** Starts listening (when a port is configured). */
  public void start() {
    if (config.listenPort() == 0) {
      return;
    }
    call(() -> {
      ServerBootstrap b = new ServerBootstrap().group(group)
          .channelFactory(serverFactory())
          .option(ChannelOption.SO_REUSEADDR, true)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              accepted(ch);
            }
          });
      ChannelFuture bound = b.bind(new InetSocketAddress(config.listenPort()));
      bound.addListener(f -> {
        if (!f.isSuccess()) {
          LOG.log(System.Logger.Level.ERROR, "BGP cannot listen on port {0}: {1}",
              config.listenPort(), f.cause().toString());
        } else if (bound.channel() instanceof io.netty.channel.unix.UnixChannel) {
          TtlSecurity.answerAtMaxTtl(bound.channel());
        }
      });
      server = bound.channel();
      updateListenerKeys();
      return null;
    });
  }

  /** Adds a neighbor and starts it; a neighbor with that address is replaced in place. */
  public void addPeer(PeerConfig peer) {
    call(() -> {
      Peer existing = peers.get(peer.address());
      if (existing != null) {
        existing.reconfigure(peer);
        updateListenerKeys();
      } else {
        Peer p = new Peer(this, peer);
        peers.put(peer.address(), p);
        updateListenerKeys();
        p.start();
      }
      return null;
    });
  }

  /** Removes a neighbor: a Cease (Peer De-configured) and its routes withdrawn. */
  public void removePeer(InetAddress address) {
    call(() -> {
      Peer p = peers.remove(address);
      if (p != null) {
        p.stop(Peer.PEER_DECONFIGURED, "");
        updateListenerKeys();
      }
      return null;
    });
  }

  /**
   * Removes a neighbor that is shut down administratively: a Cease (Administrative Shutdown)
   * carrying {@code message} (RFC 9003, at most 255 octets) and its routes withdrawn.
   */
  public void shutdownPeer(InetAddress address, String message) {
    call(() -> {
      Peer p = peers.remove(address);
      if (p != null) {
        p.stop(io.outpost.bgp.wire.NotificationMessage.ADMINISTRATIVE_SHUTDOWN, message);
        updateListenerKeys();
      }
      return null;
    });
  }

  /** Restarts a neighbor's session ({@code clear bgp neighbor X}). */
  public void resetPeer(InetAddress address, String why) {
    onPeer(address, p -> {
      p.stop(4, why);
      loop.schedule(p::start, 1, TimeUnit.SECONDS);
    });
  }

  /** Soft refresh: {@code in} asks the peer to resend and re-applies import policy. */
  public void softReset(InetAddress address, boolean in, boolean out) {
    onPeer(address, p -> {
      if (in) {
        p.softIn();
        p.requestRefresh();
      }
      if (out) {
        p.softOut();
      }
    });
  }

  private void onPeer(InetAddress address, java.util.function.Consumer<Peer> action) {
    call(() -> {
      Peer p = peers.get(address);
      if (p == null) {
        throw new IllegalArgumentException("no neighbor " + address.getHostAddress());
      }
      action.accept(p);
      return null;
    });
  }

  /** Originates a route (a {@code network} statement): attributes without a next hop. */
  public void originate(Family family, long hi, long lo, int length, PathAttributes attributes) {
    call(() -> {
      PathAttributes shared = interner.intern(attributes);
      PathAttributes old = originated.get(family).put(hi, lo, length, shared);
      if (old != null) {
        interner.release(old);
      }
      locRib.update(family, hi, lo, length, new Route(local, 0, shared));
      flushExports();
      return null;
    });
  }

  /** Stops originating a route. */
  public void withdrawOriginated(Family family, long hi, long lo, int length) {
    call(() -> {
      PathAttributes old = originated.get(family).remove(hi, lo, length);
      if (old != null) {
        interner.release(old);
        locRib.withdraw(family, hi, lo, length, local, 0);
        flushExports();
      }
      return null;
    });
  }

  /** Tells {@code listener} of every best-path change from now on (on the event loop). */
  public void addListener(LocRib.Listener listener) {
    call(() -> {
      locRib.addListener(listener);
      return null;
    });
  }

  public List<PeerStatus> peers() {
    return call(() -> {
      List<PeerStatus> out = new ArrayList<>();
      for (Peer p : peers.values()) {
        out.add(p.status());
      }
      return out;
    });
  }

  /** A route of a neighbor's Adj-RIB-In or Adj-RIB-Out, for {@code show bgp neighbor}. */
  public record PrefixRoute(Family family, long hi, long lo, int length, long pathId,
      PathAttributes attributes) {}

  /**
   * The first {@code limit} routes the neighbor sent (Adj-RIB-In, before import policy), or
   * that we advertised to it (Adj-RIB-Out), per family; IllegalArgumentException when there
   * is no such neighbor.
   */
  public List<PrefixRoute> neighborRoutes(InetAddress address, boolean advertised, int limit) {
    return call(() -> {
      Peer p = peers.get(address);
      if (p == null) {
        throw new IllegalArgumentException("no neighbor " + address.getHostAddress());
      }
      List<PrefixRoute> out = new ArrayList<>();
      for (Family f : Family.values()) {
        PrefixTable.Visitor<PathAttributes> add = (hi, lo, meta, a) -> {
          if (out.size() < limit) {
            out.add(new PrefixRoute(f, hi, lo, (int) (meta & 0xff), meta >>> 8, a));
          }
        };
        if (!advertised) {
          p.forEachReceived(f, add);
        } else if (p.group() != null) {
          p.group().forEachAdvertised(f, p, add);
        }
      }
      return out;
    });
  }

  /**
   * Visits each prefix of {@code family} with its best path and multipath set, on the speaker's
   * event loop while the caller waits (so the visitor must not call the speaker). A full table
   * holds the loop for a few tens of milliseconds.
   */
  public void forEachBest(Family family, LocRib.BestVisitor visitor) {
    onLoop(() -> {
      locRib.forEachBest(family, visitor);
      return null;
    });
  }

  /**
   * Runs {@code task} on the speaker's event loop and returns its result (the caller waits):
   * for a {@link LocRib.Listener} that keeps what it is told on the loop, without a lock per
   * change, and hands it over to another thread this way. RejectedExecutionException once the
   * speaker is closed.
   */
  public <T> T onLoop(Callable<T> task) {
    if (loop.isShuttingDown()) {
      throw new java.util.concurrent.RejectedExecutionException("the speaker is closed");
    }
    return call(task);
  }

  /** How many prefixes of {@code family} the Loc-RIB has a path to. */
  public int ribSize(Family family) {
    return call(() -> locRib.size(family));
  }

  /** The decision process, to say why a path is not the best (immutable). */
  public BestPath bestPath() {
    return locRib.bestPath();
  }

  /** Every path to one prefix, best first. */
  public List<Route> paths(Family family, long hi, long lo, int length) {
    return call(() -> locRib.paths(family, hi, lo, length));
  }

  @Override
  public void close() {
    try {
      call(() -> {
        for (Peer p : peers.values()) {
          p.stop(2, "");
        }
        if (server != null) {
          server.close();
        }
        return null;
      });
    } finally {
      group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
  }

  // --- for the package, on the event loop ---

  EventLoop loop() {
    return loop;
  }

  LocRib locRib() {
    return locRib;
  }

  AttributeInterner interner() {
    return interner;
  }

  RouteSource localSource() {
    return local;
  }

  boolean has(Peer p) {
    return peers.get(p.config().address()) == p;
  }

  void flushExports() {
    for (UpdateGroup g : groups.values()) {
      g.flush();
    }
  }

  /** Puts an established peer in the update group of {@code key}, made if there is none. */
  UpdateGroup joinGroup(Peer peer, UpdateGroup.Key key) {
    UpdateGroup g = groups.computeIfAbsent(key, k -> new UpdateGroup(this, k));
    groupList = groups.values().toArray(UpdateGroup[]::new);
    g.join(peer);
    return g;
  }

  /** Takes a peer out of its update group; an empty group goes. */
  void leaveGroup(Peer peer, UpdateGroup group) {
    group.leave(peer);
    if (group.isEmpty()) {
      groups.remove(group.key(), group);
      groupList = groups.values().toArray(UpdateGroup[]::new);
    }
  }

  /**
   * Gives the listening socket the TCP-MD5 key of every neighbor that has one, so the kernel
   * answers only their correctly signed SYNs (and the accepted socket inherits the key).
   */
  private void updateListenerKeys() {
    if (server == null) {
      return;
    }
    Map<InetAddress, byte[]> keys = new java.util.HashMap<>();
    for (Peer p : peers.values()) {
      if (p.config().password() != null) {
        keys.put(p.config().address(), md5Key(p.config()));
      }
    }
    if (!(server instanceof EpollServerSocketChannel)) {
      if (!keys.isEmpty()) {
        LOG.log(System.Logger.Level.ERROR, "TCP-MD5 needs the epoll transport: neighbors with a"
            + " password cannot connect to us");
      }
      return;
    }
    server.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
  }

  private static byte[] md5Key(PeerConfig peer) {
    return peer.password().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** TCP-MD5 and GTSM as the neighbor is configured, on a socket not yet connected to it. */
  private static void secure(Channel ch, PeerConfig peer) {
    if (peer.password() != null && !(ch instanceof EpollSocketChannel)) {
      throw new IllegalStateException("TCP-MD5 needs the epoll transport, not "
          + ch.getClass().getSimpleName());
    }
    if (peer.ttlSecurityHops() > 0) {
      TtlSecurity.protect(ch, peer.address() instanceof Inet6Address, peer.ttlSecurityHops());
    }
  }

  void initPipeline(Channel ch, Session session) {
    ch.config().setWriteBufferWaterMark(WATER_MARK);
    ch.pipeline().addLast(BgpMessageDecoder.reusingUpdates(), new BgpMessageEncoder(), session);
  }

  void connect(Peer peer, Session session) {
    Bootstrap b = new Bootstrap().group(loop).channelFactory(clientFactory())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
            Math.max(1000, peer.config().connectRetrySeconds() * 1000))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            secure(ch, peer.config());
            initPipeline(ch, session);
          }
        });
    if (peer.config().password() != null) {
      b.option(EpollChannelOption.TCP_MD5SIG, Map.of(peer.config().address(),
          md5Key(peer.config())));
    }
    ChannelFuture f = b.connect(new InetSocketAddress(peer.config().address(),
        peer.config().port()));
    f.addListener(done -> session.connected(f.channel(), done.cause()));
  }

  private void accepted(Channel ch) {
    InetAddress from = unmapped(((InetSocketAddress) ch.remoteAddress()).getAddress());
    Peer p = peers.get(from);
    if (p == null) {
      LOG.log(System.Logger.Level.INFO, "BGP connection from {0}, not a neighbor: closed",
          from.getHostAddress());
      ch.close();
      return;
    }
    try {
      secure(ch, p.config());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "BGP connection from {0}: {1}", p.config().name(),
          e.getMessage());
      ch.close();
      return;
    }
    p.accept(ch);
  }

  private static InetAddress unmapped(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped) {
        try {
          return Inet4Address.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return a;
  }

  private io.netty.channel.ChannelFactory<SocketChannel> clientFactory() {
    Supplier<? extends SocketChannel> s = config.socketFactory();
    if (s != null) {
      return s::get;
    }
    return Epoll.isAvailable() ? EpollSocketChannel::new : NioSocketChannel::new;
  }

  private io.netty.channel.ChannelFactory<ServerChannel> serverFactory() {
    Supplier<? extends ServerChannel> s = config.serverSocketFactory();
    if (s != null) {
      return s::get;
    }
    return Epoll.isAvailable() ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
  }

  private <T> T call(Callable<T> task) {
    if (loop.inEventLoop()) {
      try {
        return task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      return loop.submit(task).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the BGP event loop did not answer in 30 s", e);
    }
  }

  /** Routes this speaker originates. */
  private record LocalSource(long routerId) implements RouteSource {
    @Override
    public boolean external() {
      return false;
    }

    @Override
    public byte[] address() {
      return new byte[4];
    }

    @Override
    public String name() {
      return "local";
    }
  }
}
