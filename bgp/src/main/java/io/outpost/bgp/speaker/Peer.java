package io.outpost.bgp.speaker;

import io.netty.channel.Channel;
import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.Event;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.fsm.Transition;
import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.rib.RouteSource;
import io.outpost.bgp.update.UpdateReader;
import io.outpost.bgp.wire.AddPath;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.BgpMessageDecoder;
import io.outpost.bgp.wire.BgpMessageEncoder;
import io.outpost.bgp.wire.Capability;
import io.outpost.bgp.wire.ExtendedNextHop;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.GracefulRestart;
import io.outpost.bgp.wire.Nlri;
import io.outpost.bgp.wire.NotificationMessage;
import io.outpost.bgp.wire.OpenMessage;
import io.outpost.bgp.wire.RouteRefreshMessage;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.bgp.wire.UpdateMessage;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One neighbor: its sessions (one, or two while a collision is resolved), what it sent us
 * (Adj-RIB-In, before import policy), and the {@link UpdateGroup} that tells it our routes.
 * Decides what happens on the session's events that are not the FSM's: whether the peer's OPEN
 * is acceptable and which of two connections survives, what an UPDATE changes in the Loc-RIB,
 * when max-prefix ends the session, and when to try again after a session ends.
 */
final class Peer implements RouteSource {
  private static final System.Logger LOG = System.getLogger("io.outpost.bgp");
  /** RFC 4486 Cease subcodes. */
  static final int MAX_PREFIXES_REACHED = 1;
  static final int PEER_DECONFIGURED = 3;
  static final int CONNECTION_COLLISION = 7;
  /** How long stale routes wait for a restarted peer's End-of-RIB (FRR's stalepath-time). */
  static final int STALE_PATH_SECONDS = 360;

  private final BgpSpeaker speaker;
  private PeerConfig config;
  final PeerCounters counters = new PeerCounters();
  private Session outbound;
  private Session inbound;
  private Session established;
  private UpdateReader reader;
  private final Received received = new Received();
  private SessionOptions options;
  /** RFC 8950 was negotiated on the established session: IPv4 routes may have IPv6 next hops. */
  private boolean extendedNextHop;
  private UpdateGroup group;
  private Set<Family> families = Set.of();
  private boolean stopped;
  private long heldDownUntil;
  private long stateSinceMillis = System.currentTimeMillis();
  /** The peer's graceful-restart capability in the established session's OPEN, or null. */
  private GracefulRestart peerRestart;
  private final StaleRoutes stale = new StaleRoutes(this);
  private final AdjRibIn adjRibIn = new AdjRibIn(this, stale);
  /**
   * The Loc-RIB route made last, reused for the next prefix whose path id and attributes after
   * import policy are equal: the prefixes of one UPDATE share one route object, instead of each
   * having its own (a full table has about a third as many attribute sets as prefixes).
   */
  private Route lastRoute;
  /** Whether import policy changed the attributes {@link #lastRoute} carries. */
  private boolean lastRouteChanged;
  /** The attributes {@link #acceptable} looked at last, and what it said. */
  private PathAttributes lastChecked;
  private boolean lastAcceptable;

  Peer(BgpSpeaker speaker, PeerConfig config) {
    this.speaker = speaker;
    this.config = config;
  }

  PeerConfig config() {
    return config;
  }

  BgpSpeaker speaker() {
    return speaker;
  }

  @Override
  public boolean external() {
    return config.remoteAs() != speaker.config().localAs();
  }

  @Override
  public boolean reflectorClient() {
    return config.routeReflectorClient() && !external();
  }

  @Override
  public long routerId() {
    return established == null || established.peerOpen == null ? 0
        : established.peerOpen.bgpIdentifier();
  }

  @Override
  public byte[] address() {
    return config.address().getAddress();
  }

  @Override
  public String name() {
    return config.name();
  }

  /** Starts connecting (unless passive; an accepted connection starts a session anyway). */
  void start() {
    stopped = false;
    if (!config.passive() && outbound == null) {
      outbound = new Session(this, false);
      outbound.startOutbound();
    }
  }

  /** Ends every session with a Cease and stops trying; routes kept as stale go too. */
  void stop(int subcode, String why) {
    stopped = true;
    sweepStale();
    speaker.flushExports();
    for (Session s : new Session[] {outbound, inbound}) {
      if (s != null && s.state() != State.IDLE) {
        s.stop(subcode, why);
      }
    }
  }

  /** Takes a new configuration; what the session negotiated needs a restart to change. */
  void reconfigure(PeerConfig next) {
    boolean importChanged = next.importPolicy() != config.importPolicy();
    boolean exportChanged = next.exportPolicy() != config.exportPolicy()
        || !java.util.Objects.equals(next.nextHopSelf4(), config.nextHopSelf4())
        || !java.util.Objects.equals(next.nextHopSelf6(), config.nextHopSelf6())
        || next.forceNextHopSelf() != config.forceNextHopSelf();
    boolean sessionChanged = next.remoteAs() != config.remoteAs() || next.port() != config.port()
        || next.holdTime() != config.holdTime() || !next.families().equals(config.families())
        || !java.util.Objects.equals(next.password(), config.password())
        || next.ttlSecurityHops() != config.ttlSecurityHops()
        || next.gracefulRestartSeconds() != config.gracefulRestartSeconds()
        || next.routeReflectorClient() != config.routeReflectorClient()
        || next.addPathReceive() != config.addPathReceive()
        || next.addPathSend() != config.addPathSend()
        || next.extendedNextHop() != config.extendedNextHop();
    config = next;
    lastChecked = null; // the loop and first-AS checks depend on the configuration
    if (sessionChanged) {
      stop(6, "configuration changed");
      speaker.loop().schedule(this::start, 1, TimeUnit.SECONDS);
    } else if (established != null) {
      if (importChanged) {
        softIn();
      }
      if (exportChanged) {
        softOut();
      }
    }
  }

  /** An accepted connection from this peer's address. */
  void accept(Channel channel) {
    if (stopped || System.currentTimeMillis() < heldDownUntil
        || inbound != null && inbound.state() != State.IDLE) {
      channel.close();
      return;
    }
    inbound = new Session(this, true);
    speaker.initPipeline(channel, inbound);
    inbound.startInbound(channel);
  }

  OpenMessage ourOpen() {
    long as = speaker.config().localAs();
    List<Capability> caps = new ArrayList<>();
    for (Family f : config.families()) {
      caps.add(Capability.multiprotocol(f.afi, f.safi));
    }
    caps.add(Capability.flag(Capability.ROUTE_REFRESH));
    caps.add(Capability.flag(Capability.ENHANCED_ROUTE_REFRESH));
    caps.add(Capability.flag(Capability.EXTENDED_MESSAGE));
    caps.add(Capability.fourOctetAs(as));
    AddPath addPath = ourAddPath();
    if (!addPath.modes().isEmpty()) {
      caps.add(addPath.capability());
    }
    if (config.extendedNextHop() && config.families().contains(Family.IPV4_UNICAST)) {
      caps.add(ExtendedNextHop.ipv4OverIpv6());
    }
    if (config.gracefulRestartSeconds() > 0) {
      // Helper only: no families, as we keep no forwarding state across our own restart.
      caps.add(new GracefulRestart(false, false, Math.min(config.gracefulRestartSeconds(),
          GracefulRestart.MAX_RESTART_SECONDS), Map.of()).capability());
    }
    return new OpenMessage(OpenMessage.VERSION, as > 0xffff ? OpenMessage.AS_TRANS : (int) as,
        config.holdTime(), speaker.config().routerId(), caps);
  }

  /** The peer's OPEN arrived on {@code s}: check it, resolve a collision, go on. */
  void openReceived(Session s, OpenMessage open) {
    if (open.speakerAs() != config.remoteAs()) {
      s.fail(Event.BGP_OPEN_MESSAGE_ERROR, new BgpError(BgpError.OPEN_MESSAGE,
          BgpError.BAD_PEER_AS, new byte[0], "the peer says AS " + open.speakerAs()
              + ", configured " + config.remoteAs()));
      return;
    }
    if (open.bgpIdentifier() == speaker.config().routerId()) {
      s.fail(Event.BGP_OPEN_MESSAGE_ERROR, new BgpError(BgpError.OPEN_MESSAGE,
          BgpError.BAD_BGP_IDENTIFIER, new byte[0], "the peer has our BGP identifier"));
      return;
    }
    s.peerOpen = open;
    s.holdTime = Math.min(config.holdTime(), open.holdTime());
    Session other = s == inbound ? outbound : inbound;
    if (other != null && other.peerOpen != null && (other.state() == State.OPEN_CONFIRM
        || other.state() == State.ESTABLISHED)) {
      // RFC 4271 6.8: the higher BGP identifier's connection survives; Established always does.
      boolean keepOther = other.state() == State.ESTABLISHED
          || (speaker.config().routerId() < open.bgpIdentifier()) == other.inbound;
      Session loser = keepOther ? s : other;
      LOG.log(System.Logger.Level.INFO, "neighbor {0}: connection collision, closing the {1}"
          + " connection", config.name(), loser.inbound ? "incoming" : "outgoing");
      loser.stop(CONNECTION_COLLISION, "");
      if (loser == s) {
        return;
      }
    }
    s.fire(Event.BGP_OPEN);
  }

  /** Every FSM transition of one of our sessions. */
  void transitioned(Session s, Transition t) {
    if (t.from() != t.to()) {
      stateSinceMillis = System.currentTimeMillis();
    }
    if (t.to() == State.ESTABLISHED && t.from() != State.ESTABLISHED) {
      established(s);
    } else if (t.to() == State.IDLE && t.from() != State.IDLE) {
      if (s == established) {
        // RFC 4724 4.2: the connection went away without a NOTIFICATION either way.
        down(!stopped && t.event() == Event.TCP_CONNECTION_FAILS
            && !t.actions().contains(io.outpost.bgp.fsm.Action.SEND_NOTIFICATION));
      }
      if (s == outbound) {
        outbound = null;
      } else if (s == inbound) {
        inbound = null;
      }
      scheduleRestart();
    }
  }

  private void scheduleRestart() {
    if (stopped || config.passive() || outbound != null || established != null) {
      return;
    }
    long wait = Math.max(config.connectRetrySeconds() * 1000L,
        heldDownUntil - System.currentTimeMillis());
    speaker.loop().schedule(() -> {
      if (!stopped && outbound == null && established == null && speaker.has(this)) {
        start();
      }
    }, wait, TimeUnit.MILLISECONDS);
  }

  private void established(Session s) {
    established = s;
    counters.establishedTransitions++;
    counters.establishedAtMillis = System.currentTimeMillis();
    OpenMessage ours = ourOpen();
    OpenMessage theirs = s.peerOpen;
    boolean extended = has(ours, Capability.EXTENDED_MESSAGE)
        && has(theirs, Capability.EXTENDED_MESSAGE);
    boolean fourOctet = has(theirs, Capability.FOUR_OCTET_AS);
    AddPath ourAddPath = ourAddPath();
    AddPath theirAddPath = AddPath.of(theirs);
    SessionOptions options = new SessionOptions(extended, fourOctet,
        AddPath.receiving(ourAddPath, theirAddPath), AddPath.sending(ourAddPath, theirAddPath));
    s.channel().pipeline().get(BgpMessageDecoder.class).options(options);
    s.channel().pipeline().get(BgpMessageEncoder.class).options(options);
    families = negotiatedFamilies(theirs);
    extendedNextHop = config.extendedNextHop() && families.contains(Family.IPV4_UNICAST)
        && ExtendedNextHop.offersIpv4OverIpv6(theirs);
    peerRestart = config.gracefulRestartSeconds() > 0 ? GracefulRestart.of(theirs) : null;
    keepOrSweepStale();
    reader = new UpdateReader(options, external());
    this.options = options;
    group = speaker.joinGroup(this, groupKey());
  }

  /** Add-path receive and send, as configured, in every configured family. */
  private AddPath ourAddPath() {
    int mode = (config.addPathReceive() ? AddPath.RECEIVE : 0)
        | (config.addPathSend() ? AddPath.SEND : 0);
    Map<Family, Integer> modes = new EnumMap<>(Family.class);
    if (mode != 0) {
      config.families().forEach(f -> modes.put(f, mode));
    }
    return new AddPath(modes);
  }

  /** What decides which update group the peer is in. */
  private UpdateGroup.Key groupKey() {
    // RFC 8950 over an IPv6 session: IPv4 routes go with our IPv6 address, as FRR and BIRD do.
    boolean v6Over = extendedNextHop && config.nextHopSelf4() == null
        && localAddress() instanceof java.net.Inet6Address;
    return new UpdateGroup.Key(external(), reflectorClient(), config.exportPolicy(),
        nextHopSelf(v6Over ? Family.IPV6_UNICAST : Family.IPV4_UNICAST),
        nextHopSelf(Family.IPV6_UNICAST), config.forceNextHopSelf(), extendedNextHop, families,
        options);
  }

  /**
   * The next hop we put on routes of {@code f} to this peer: the configured one, else the
   * session's local address, else (routes of one family over a session of the other) an
   * address of that family on the session's interface, as FRR and BIRD pick it. Null when
   * there is none, with a warning when the family was negotiated.
   */
  private InetAddress nextHopSelf(Family f) {
    InetAddress configured = f == Family.IPV4_UNICAST ? config.nextHopSelf4()
        : config.nextHopSelf6();
    if (configured != null) {
      return configured;
    }
    InetAddress local = localAddress();
    boolean v4 = f == Family.IPV4_UNICAST;
    if (local == null || local instanceof java.net.Inet4Address == v4) {
      return local;
    }
    InetAddress other = interfaceAddressOf(local, f);
    if (other == null && families.contains(f)) {
      LOG.log(System.Logger.Level.WARNING, "neighbor {0}: no {1} next hop to send (the session"
          + " runs over {2}, and its interface has no address of the family); configure one",
          config.name(), f, local);
    }
    return other;
  }

  /** An address of family {@code f} (global, for IPv6) on the interface holding {@code local}. */
  private static InetAddress interfaceAddressOf(InetAddress local, Family f) {
    try {
      java.net.NetworkInterface nic = java.net.NetworkInterface.getByInetAddress(local);
      if (nic != null) {
        for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
          boolean wanted = f == Family.IPV4_UNICAST ? a instanceof java.net.Inet4Address
              : a instanceof java.net.Inet6Address && !a.isLinkLocalAddress();
          if (wanted && !a.isLoopbackAddress()) {
            return a;
          }
        }
      }
    } catch (java.net.SocketException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot list the addresses of " + local, e);
    }
    return null;
  }

  private Set<Family> negotiatedFamilies(OpenMessage theirs) {
    Set<Family> out = EnumSet.noneOf(Family.class);
    boolean anyMp = false;
    for (Capability c : theirs.capabilities()) {
      if (c.code() == Capability.MULTIPROTOCOL && c.value().length == 4) {
        anyMp = true;
        byte[] v = c.value();
        Family f = Family.of((v[0] & 0xff) << 8 | (v[1] & 0xff), v[3] & 0xff);
        if (f != null && config.families().contains(f)) {
          out.add(f);
        }
      }
    }
    if (!anyMp && config.families().contains(Family.IPV4_UNICAST)) {
      out.add(Family.IPV4_UNICAST); // RFC 4760: no capability means IPv4 unicast
    }
    return out;
  }

  private static boolean has(OpenMessage open, int code) {
    return open.capabilities().stream().anyMatch(c -> c.code() == code);
  }

  /**
   * The established session ended: its routes leave the Loc-RIB, or, when it ended
   * {@code gracefully} and the peer can restart gracefully, stay as stale for the restart time
   * it asked for.
   */
  private void down(boolean gracefully) {
    established = null;
    if (group != null) {
      speaker.leaveGroup(this, group);
      group = null;
    }
    GracefulRestart restart = gracefully ? peerRestart : null;
    for (Family f : Family.values()) {
      if (restart != null && restart.families().containsKey(f) && families.contains(f)) {
        adjRibIn.keepAsStale(f);
      } else {
        adjRibIn.withdrawAll(f);
      }
    }
    if (restart == null) {
      sweepStale(); // kept from an earlier restart: not any more
    } else if (stale.size() > 0) {
      LOG.log(System.Logger.Level.INFO, "neighbor {0}: graceful restart: keeping {1} routes as"
          + " stale for {2} s", config.name(), stale.size(), restart.restartSeconds());
      stale.sweepAfter(restart.restartSeconds(), "the neighbor did not come back within its"
          + " restart time");
    }
    speaker.flushExports();
  }

  /**
   * A new session after a graceful restart (RFC 4724 4.2): stale routes of a family the peer
   * no longer restarts gracefully, or did not keep forwarding for, go now; the others wait
   * for its End-of-RIB, at most {@link #STALE_PATH_SECONDS}.
   */
  private void keepOrSweepStale() {
    for (Family f : Family.values()) {
      if (stale.has(f) && (peerRestart == null || !families.contains(f)
          || !peerRestart.families().getOrDefault(f, false))) {
        LOG.log(System.Logger.Level.INFO, "neighbor {0}: back without forwarding state for {1}:"
            + " {2} stale routes swept", config.name(), f, stale.table(f).size());
        stale.sweep(f);
      }
    }
    if (stale.size() > 0) {
      stale.sweepAfter(STALE_PATH_SECONDS, "no End-of-RIB within " + STALE_PATH_SECONDS + " s");
    }
  }

  /** Every stale path leaves the Loc-RIB. */
  void sweepStale() {
    for (Family f : Family.values()) {
      stale.sweep(f);
    }
  }

  /** Sweeps stale paths: out of the Loc-RIB, their attributes let go of. */
  void sweep(Family f, PrefixTable<PathAttributes> staleTable) {
    adjRibIn.sweep(f, staleTable);
  }

  /** An UPDATE on the established session. */
  void updateReceived(Session s, UpdateMessage update) {
    received.session = s;
    received.abandoned = false;
    List<String> problems;
    try {
      problems = reader.read(update, received);
    } catch (BgpError e) {
      counters.lastError = "received malformed UPDATE: " + e.getMessage();
      s.fail(Event.UPDATE_MESSAGE_ERROR, e);
      return;
    }
    if (!problems.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "neighbor {0}: UPDATE: {1}", config.name(),
          String.join("; ", problems));
    }
  }

  /**
   * Takes what the reader makes of each UPDATE into the Adj-RIB-In: End-of-RIB, withdrawals,
   * announcements, in that order. Once max-prefix has ended the session, the rest of the
   * message is ignored.
   */
  private final class Received implements UpdateReader.Handler {
    Session session;
    boolean abandoned;

    @Override
    public void endOfRib(Family f) {
      if (stale.has(f)) {
        int n = stale.table(f).size();
        stale.sweep(f);
        LOG.log(System.Logger.Level.INFO, "neighbor {0}: End-of-RIB {1}: {2} stale routes it"
            + " did not send again swept", config.name(), f, n);
      }
    }

    @Override
    public void withdrawn(Family f, long[] p, int count) {
      for (int i = 0; i < count && !abandoned; i++) {
        adjRibIn.withdraw(f, p[Nlri.STRIDE * i], p[Nlri.STRIDE * i + 1],
            p[Nlri.STRIDE * i + 2]);
      }
    }

    @Override
    public void announced(Family f, PathAttributes attributes, long[] p, int count) {
      if (abandoned || !families.contains(f)) {
        return;
      }
      PathAttributes shared = speaker.interner().intern(attributes);
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          speaker.interner().retain(shared);
        }
        adjRibIn.announce(f, p[Nlri.STRIDE * i], p[Nlri.STRIDE * i + 1],
            p[Nlri.STRIDE * i + 2], shared);
      }
      if (config.maxPrefixes() > 0 && adjRibIn.received(f) > config.maxPrefixes()) {
        abandoned = true;
        maxPrefixesReached(session, f);
      }
    }
  }

  /**
   * What import policy makes of a path this peer sent: the attributes for the Loc-RIB (the
   * same instance when policy changed nothing), or null when loop detection or policy rejects
   * it.
   */
  PathAttributes imported(Family f, long hi, long lo, int length, PathAttributes received) {
    if (received != lastChecked) {
      lastAcceptable = acceptable(received);
      lastChecked = received;
    }
    return lastAcceptable ? policy(f, hi, lo, length, received) : null;
  }

  /**
   * A Loc-RIB route of ours with these attributes: {@link #lastRoute} when it carries them.
   * A path that import policy left {@code unchanged} must carry the very instance it came with
   * (its Adj-RIB-In entry is that route, see {@link AdjRibIn}); one that policy changed may
   * share a route with equal attributes.
   */
  Route route(long pathId, PathAttributes post, boolean unchanged) {
    Route r = lastRoute;
    if (r == null || r.pathId() != pathId || r.attributes() != post
        && (unchanged || !lastRouteChanged || !r.attributes().equals(post))) {
      r = new Route(this, pathId, post);
      lastRoute = r;
      lastRouteChanged = !unchanged;
    }
    return r;
  }

  /**
   * Loop detection (our AS in the path; over iBGP, our router ID as ORIGINATOR_ID or our
   * cluster ID in CLUSTER_LIST, RFC 4456 section 8) and the eBGP first-AS check (RFC 4271
   * 9.1.2, 6.3).
   */
  private boolean acceptable(PathAttributes a) {
    if (AsPath.contains(a.asPath(), speaker.config().localAs())) {
      return false;
    }
    if (!external() && (a.originatorId() == speaker.config().routerId()
        || contains(a.clusterList(), speaker.config().effectiveClusterId()))) {
      return false;
    }
    return !external() || AsPath.neighborAs(a.asPath()) == config.remoteAs();
  }

  private static boolean contains(int[] clusterList, long id) {
    for (int c : clusterList) {
      if (Integer.toUnsignedLong(c) == id) {
        return true;
      }
    }
    return false;
  }

  private PathAttributes policy(Family f, long hi, long lo, int length, PathAttributes pre) {
    if (config.importPolicy() == null) {
      return external() ? null : pre; // RFC 8212: no policy, no eBGP routes
    }
    return config.importPolicy().apply(f, hi, lo, length, pre);
  }

  private void maxPrefixesReached(Session s, Family f) {
    byte[] data = {(byte) (f.afi >>> 8), (byte) f.afi, (byte) f.safi,
        (byte) (config.maxPrefixes() >>> 24), (byte) (config.maxPrefixes() >>> 16),
        (byte) (config.maxPrefixes() >>> 8), (byte) config.maxPrefixes()};
    LOG.log(System.Logger.Level.WARNING, "neighbor {0}: more than {1} {2} prefixes: session"
        + " ended{3}", config.name(), config.maxPrefixes(), f,
        config.maxPrefixRestartSeconds() > 0 ? ", restarting in "
            + config.maxPrefixRestartSeconds() + " s" : " until cleared");
    if (config.maxPrefixRestartSeconds() > 0) {
      heldDownUntil = System.currentTimeMillis() + config.maxPrefixRestartSeconds() * 1000L;
    } else {
      stopped = true;
    }
    s.fail(Event.UPDATE_MESSAGE_ERROR, new BgpError(BgpError.CEASE, MAX_PREFIXES_REACHED, data,
        "maximum prefixes reached"));
  }

  /** The peer asked for our routes again (RFC 2918, with RFC 7313's markers). */
  void refreshRequested(Session s, RouteRefreshMessage r) {
    Family f = Family.of(r.afi(), r.safi());
    if (r.subtype() != RouteRefreshMessage.REQUEST || f == null || !families.contains(f)
        || group == null) {
      return;
    }
    group.resend(this, f);
  }

  /**
   * Re-applies import policy to everything the peer sent (soft reconfiguration inbound),
   * stale paths included.
   */
  void softIn() {
    adjRibIn.reimportAll();
    speaker.flushExports();
  }

  /**
   * Sends everything again through export policy (soft out): the peer moves to the update group
   * of its new outgoing routes, told what that group advertises and what it no longer gets; in
   * the same group, it is sent the group's routes again.
   */
  void softOut() {
    if (group == null) {
      return;
    }
    UpdateGroup.Key key = groupKey();
    if (key.equals(group.key())) {
      for (Family f : families) {
        group.resend(this, f);
      }
      return;
    }
    UpdateGroup old = group;
    group = speaker.joinGroup(this, key);
    old.withdrawNotIn(group, this);
    speaker.leaveGroup(this, old);
  }

  /** Asks the peer to send its routes again (ROUTE-REFRESH, RFC 2918). */
  void requestRefresh() {
    if (established != null) {
      for (Family f : families) {
        established.send(new RouteRefreshMessage(f.afi, RouteRefreshMessage.REQUEST, f.safi));
      }
      established.flush();
    }
  }

  void readBatchDone() {
    speaker.flushExports();
  }

  void writable(Session s) {
    if (s == established && group != null) {
      group.flush();
    }
  }

  /** The established session (null when there is none). */
  Session session() {
    return established;
  }

  PeerStatus status() {
    Session shown = established != null ? established : outbound != null ? outbound : inbound;
    State state = shown == null ? State.IDLE : shown.state();
    Map<Family, Integer> received = new EnumMap<>(Family.class);
    Map<Family, Integer> advertised = new EnumMap<>(Family.class);
    Map<Family, Integer> acceptedByFamily = new EnumMap<>(Family.class);
    for (Family f : Family.values()) {
      acceptedByFamily.put(f, adjRibIn.accepted(f));
      received.put(f, adjRibIn.received(f));
      advertised.put(f, group == null ? 0 : group.advertised(f, this));
    }
    long since = established != null ? counters.establishedAtMillis : stateSinceMillis;
    return new PeerStatus(config.name(), config.remoteAs(), state,
        shown == null || shown.peerOpen == null ? 0 : shown.peerOpen.bgpIdentifier(),
        (System.currentTimeMillis() - since) / 1000, counters.messagesIn, counters.messagesOut,
        counters.establishedTransitions, received, acceptedByFamily, advertised,
        established == null ? 0 : established.holdTime, families, counters.lastError,
        text(counters.lastNotificationSent), text(counters.lastNotificationReceived),
        config.description(), stale.size(),
        peerRestart == null ? -1 : peerRestart.restartSeconds(), negotiated(),
        counters.updatesIn, counters.updatesOut, counters.lastUpdateInMillis == 0 ? -1
        : (System.currentTimeMillis() - counters.lastUpdateInMillis) / 1000,
        counters.lastErrorCode, counters.lastErrorSubcode);
  }

  /** What the established session agreed on beyond the families, for show bgp neighbor. */
  private List<String> negotiated() {
    if (established == null || options == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (options.fourOctetAs()) {
      out.add("4-octet AS");
    }
    if (options.extendedMessages()) {
      out.add("extended messages");
    }
    options.addPathReceive().forEach(f -> out.add("add-path receive " + f));
    options.addPathSend().forEach(f -> out.add("add-path send " + f));
    if (extendedNextHop) {
      out.add("extended next hop (IPv4 via IPv6)");
    }
    return List.copyOf(out);
  }

  private static String text(NotificationMessage n) {
    return n == null ? "" : n.toString();
  }

  /** The local address of the established session, for next-hop-self. */
  InetAddress localAddress() {
    return established == null ? null
        : ((java.net.InetSocketAddress) established.channel().localAddress()).getAddress();
  }

  /** The paths of this peer's Adj-RIB-In, as received (received-routes, for the CLI). */
  void forEachReceived(Family f, PrefixTable.Visitor<PathAttributes> visitor) {
    adjRibIn.forEachReceived(f, visitor);
  }

  UpdateGroup group() {
    return group;
  }
}
