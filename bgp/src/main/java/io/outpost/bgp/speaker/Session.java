package io.outpost.bgp.speaker;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.outpost.bgp.fsm.Action;
import io.outpost.bgp.fsm.Event;
import io.outpost.bgp.fsm.SessionFsm;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.fsm.Transition;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.BgpMessage;
import io.outpost.bgp.wire.BgpMessageDecoder;
import io.outpost.bgp.wire.KeepaliveMessage;
import io.outpost.bgp.wire.NotificationMessage;
import io.outpost.bgp.wire.OpenMessage;
import io.outpost.bgp.wire.RouteRefreshMessage;
import io.outpost.bgp.wire.UpdateMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection to a peer and the {@link SessionFsm} that runs over it: feeds the FSM the
 * events the channel and the timers produce, logs every transition with its reason, and
 * carries out the actions. What is learned (the peer's OPEN, its UPDATEs, its going away) is
 * the {@link Peer}'s to act on. Two sessions of one peer exist only while a connection
 * collision is being resolved (RFC 4271 section 6.8). Runs on the speaker's event loop only.
 *
 * <p>Sharable because an outbound session that fails to connect tries again on a new channel:
 * it is the handler of one channel at a time (the failed one is closed first), and events of a
 * channel that is no longer its own are ignored.
 */
@io.netty.channel.ChannelHandler.Sharable
final class Session extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger("io.outpost.bgp");
  static final int LARGE_HOLD_SECONDS = 240;

  private final Peer peer;
  final boolean inbound;
  private final SessionFsm fsm = new SessionFsm();
  private Channel channel;
  /**
   * The hold timer's task, which runs at {@link #holdTaskAt} (System.nanoTime); the timer
   * itself expires at {@link #holdDeadline}, which every message moves on. The task is not
   * cancelled and rescheduled per message (a full table is a million of them): when it runs
   * before the deadline it schedules itself for the rest.
   */
  private ScheduledFuture<?> holdTimer;
  private long holdTaskAt;
  private long holdDeadline;
  private ScheduledFuture<?> keepaliveTimer;
  private ScheduledFuture<?> connectRetryTimer;
  private BgpError pendingError;
  private NotificationMessage pendingNotification;
  /** The peer's OPEN, once accepted; the hold time both sides agreed on. */
  OpenMessage peerOpen;
  int holdTime;

  Session(Peer peer, boolean inbound) {
    this.peer = peer;
    this.inbound = inbound;
  }

  State state() {
    return fsm.state();
  }

  Channel channel() {
    return channel;
  }

  /** An outgoing session: Idle to Connect, which opens the connection. */
  void startOutbound() {
    fire(Event.MANUAL_START);
  }

  /** An accepted connection: started, and the connection is there already. */
  void startInbound(Channel accepted) {
    channel = accepted;
    fire(Event.MANUAL_START);
    fire(Event.TCP_CONNECTION_CONFIRMED);
  }

  /** Stops the session with a Cease of {@code subcode}, saying {@code why} to the peer. */
  void stop(int subcode, String why) {
    pendingNotification = NotificationMessage.cease(subcode, why);
    fire(Event.MANUAL_STOP);
  }

  /** Ends the session with {@code error}'s NOTIFICATION (max-prefix, a refused OPEN ...). */
  void fail(Event event, BgpError error) {
    pendingError = error;
    fire(event);
  }

  void send(BgpMessage message) {
    if (channel != null && channel.isActive()) {
      channel.write(message, channel.voidPromise());
      peer.counters.messagesOut++;
      if (message instanceof UpdateMessage) {
        peer.counters.updatesOut++;
      }
    }
  }

  /**
   * Writes {@code messages} messages encoded already, back to back (a buffer an update group's
   * members share); takes the buffer.
   */
  void sendEncoded(io.netty.buffer.ByteBuf encoded, int messages) {
    if (channel != null && channel.isActive()) {
      channel.write(encoded, channel.voidPromise());
      peer.counters.messagesOut += messages;
      peer.counters.updatesOut += messages; // only update groups send encoded messages
    } else {
      encoded.release();
    }
  }

  void flush() {
    if (channel != null) {
      channel.flush();
    }
  }

  void fire(Event event) {
    Transition t = fsm.handle(event);
    if (t.from() != t.to() || event != Event.KEEPALIVE && event != Event.UPDATE
        && event != Event.KEEPALIVE_TIMER_EXPIRES) {
      LOG.log(System.Logger.Level.INFO, "neighbor {0} ({1}): {2}", peer.config().name(),
          inbound ? "in" : "out", t);
    }
    List<Action> actions = t.actions();
    for (int i = 0; i < actions.size(); i++) {
      act(actions.get(i), t);
    }
    peer.transitioned(this, t);
  }

  private void act(Action a, Transition t) {
    switch (a) {
      case CONNECT -> {
        if (!inbound) {
          peer.speaker().connect(peer, this);
        }
      }
      case DROP_CONNECTION -> {
        if (channel != null) {
          channel.flush();
          channel.close();
        }
      }
      case SEND_OPEN -> {
        send(peer.ourOpen());
        flush();
      }
      case SEND_KEEPALIVE -> {
        send(KeepaliveMessage.INSTANCE);
        flush();
      }
      case SEND_NOTIFICATION -> {
        NotificationMessage n = pendingNotification != null ? pendingNotification
            : t.notificationCode() == SessionFsm.FROM_EVENT || pendingError != null
            ? pendingError.notification()
            : new NotificationMessage(t.notificationCode(), t.notificationSubcode(),
                new byte[0]);
        pendingNotification = null;
        peer.counters.lastNotificationSent = n;
        peer.counters.lastErrorCode = n.code();
        peer.counters.lastErrorSubcode = n.subcode();
        send(n);
        flush();
      }
      case START_CONNECT_RETRY_TIMER -> connectRetryTimer = schedule(connectRetryTimer,
          peer.config().connectRetrySeconds(), Event.CONNECT_RETRY_TIMER_EXPIRES);
      case STOP_CONNECT_RETRY_TIMER -> connectRetryTimer = cancel(connectRetryTimer);
      case START_LARGE_HOLD_TIMER -> restartHoldTimer(LARGE_HOLD_SECONDS);
      case RESTART_HOLD_TIMER -> {
        if (holdTime == 0) {
          holdTimer = cancel(holdTimer);
        } else {
          restartHoldTimer(holdTime);
        }
      }
      case RESTART_KEEPALIVE_TIMER -> keepaliveTimer = holdTime == 0 ? cancel(keepaliveTimer)
          : schedule(keepaliveTimer, Math.max(1, holdTime / 3), Event.KEEPALIVE_TIMER_EXPIRES);
      case STOP_TIMERS -> {
        holdTimer = cancel(holdTimer);
        keepaliveTimer = cancel(keepaliveTimer);
        connectRetryTimer = cancel(connectRetryTimer);
      }
      case PROCESS_UPDATE, RELEASE_RESOURCES -> { } // the peer acts on the transition
    }
  }

  private ScheduledFuture<?> schedule(ScheduledFuture<?> old, int seconds, Event event) {
    cancel(old);
    return peer.speaker().loop().schedule(() -> {
      if (fsm.state() != State.IDLE) {
        fire(event);
      }
    }, seconds, TimeUnit.SECONDS);
  }

  /** The hold timer expires {@code seconds} from now (and no earlier than that). */
  private void restartHoldTimer(int seconds) {
    holdDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    if (holdTimer == null || holdTaskAt - holdDeadline > 0) { // none, or one that runs too late
      cancel(holdTimer);
      scheduleHoldTask(holdDeadline);
    }
  }

  private void scheduleHoldTask(long at) {
    holdTaskAt = at;
    holdTimer = peer.speaker().loop().schedule(() -> {
      holdTimer = null;
      if (fsm.state() == State.IDLE) {
        return;
      }
      if (holdDeadline - System.nanoTime() > 0) {
        scheduleHoldTask(holdDeadline); // messages came since: wait for the rest
      } else {
        fire(Event.HOLD_TIMER_EXPIRES);
      }
    }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  private static ScheduledFuture<?> cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
    return null;
  }

  /** Our outgoing connection completed or failed. */
  void connected(Channel connected, Throwable failure) {
    if (failure != null || fsm.state() != State.CONNECT) {
      if (connected != null) {
        connected.close();
      }
      if (failure != null) {
        peer.counters.lastError = "connect: " + failure.getMessage();
        fire(Event.TCP_CONNECTION_FAILS);
      }
      return;
    }
    channel = connected;
    fire(Event.TCP_CONNECTION_ESTABLISHED);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (fsm.state() == State.IDLE || ctx.channel() != channel) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    peer.counters.messagesIn++;
    switch (msg) {
      case BgpMessageDecoder.DecodeFailure f -> {
        pendingError = f.error();
        peer.counters.lastError = "received malformed: " + f.error().getMessage();
        fire(switch (f.error().code()) {
          case BgpError.OPEN_MESSAGE -> Event.BGP_OPEN_MESSAGE_ERROR;
          case BgpError.UPDATE_MESSAGE -> Event.UPDATE_MESSAGE_ERROR;
          default -> Event.BGP_HEADER_ERROR;
        });
      }
      case OpenMessage open -> peer.openReceived(this, open);
      case KeepaliveMessage k -> fire(Event.KEEPALIVE);
      case UpdateMessage u -> {
        peer.counters.updatesIn++;
        peer.counters.lastUpdateInMillis = System.currentTimeMillis();
        fire(Event.UPDATE);
        if (fsm.state() == State.ESTABLISHED) {
          peer.updateReceived(this, u);
        }
      }
      case NotificationMessage n -> {
        peer.counters.lastNotificationReceived = n;
        peer.counters.lastErrorCode = n.code();
        peer.counters.lastErrorSubcode = n.subcode();
        fire(n.code() == BgpError.OPEN_MESSAGE && n.subcode() == 1
            ? Event.NOTIFICATION_VERSION_ERROR : Event.NOTIFICATION);
      }
      case RouteRefreshMessage r -> {
        if (fsm.state() == State.ESTABLISHED) {
          if (holdTime != 0) {
            restartHoldTimer(holdTime);
          }
          peer.refreshRequested(this, r);
        }
      }
      default -> throw new IllegalStateException("unexpected " + msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.readBatchDone();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel() == channel && ctx.channel().isWritable()) {
      peer.writable(this);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (fsm.state() != State.IDLE && ctx.channel() == channel) {
      fire(Event.TCP_CONNECTION_FAILS);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    peer.counters.lastError = cause.toString();
    ctx.close();
  }
}
