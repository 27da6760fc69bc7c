package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The reply side of one netlink request: it reads the datagrams the kernel sends back, hands the
 * data replies to a consumer and says when the kernel has ended the exchange.
 *
 * <p>It owns the state of one exchange: the request's sequence number, whether the kernel flagged
 * a dump as interrupted, and the first failure to decode a reply. It knows nothing of sockets, so
 * that every path here is tested with hand-built datagrams. An exchange ends with:
 *
 * <ul>
 *   <li>NLMSG_DONE, after the NLM_F_MULTI replies of a dump;
 *   <li>NLMSG_ERROR, which with error 0 is the ack of a change and otherwise the kernel's refusal,
 *       thrown as a {@link NetlinkException} with the kernel's errno and explanation;
 *   <li>a data reply without NLM_F_MULTI, the single answer to a get.
 * </ul>
 *
 * <p>Messages with another sequence number, the late answers to an earlier request that timed
 * out, are skipped, as are NLMSG_NOOP messages. If decoding a reply fails, the exchange is still
 * read to its end before the failure is thrown: the kernel refuses a new dump (EBUSY) while an
 * earlier one on the socket is unfinished, so abandoning a dump would break every later one.
 */
final class NetlinkExchange {
  private final String request;
  private final int sequence;
  private final Consumer<NetlinkDatagram> onReply;
  private boolean consistent = true;
  private RuntimeException decodeFailure;

  /**
   * @param request names the request in exceptions, e.g. "RTM_NEWADDR ifindex 3 192.0.2.1/24"
   * @param sequence the sequence number the request was sent with
   * @param onReply takes each data reply; the cursor is valid only during the call
   */
  NetlinkExchange(String request, int sequence, Consumer<NetlinkDatagram> onReply) {
    this.request = request;
    this.sequence = sequence;
    this.onReply = onReply;
  }

  /**
   * Reads one received datagram, {@code buffer[0, length)}; returns true once the kernel has ended
   * the exchange, after which no more datagrams belong to it.
   *
   * @throws NetlinkException if the kernel refused the request or a reply is malformed
   */
  boolean accept(ByteBuffer buffer, int length) {
    NetlinkDatagram message = new NetlinkDatagram(buffer, length);
    while (message.next()) {
      if (message.sequence() != sequence || message.type() == NlMsg.NLMSG_NOOP) {
        continue;
      }
      consistent &= (message.flags() & NlMsg.NLM_F_DUMP_INTR) == 0;
      if (isLast(message)) {
        if (decodeFailure != null) {
          throw decodeFailure;
        }
        return true;
      }
    }
    return false;
  }

  /** False if the kernel flagged any reply as part of an interrupted, maybe inconsistent dump. */
  boolean consistent() {
    return consistent;
  }

  private boolean isLast(NetlinkDatagram message) {
    if (message.type() == NlMsg.NLMSG_ERROR || message.type() == NlMsg.NLMSG_DONE) {
      int errno = NlMsgErr.errno(message);
      if (errno != 0) {
        throw new NetlinkException(request, errno, NlMsgErr.kernelMessage(message));
      }
      return true;
    }
    if (decodeFailure == null) {
      try {
        onReply.accept(message);
      } catch (RuntimeException e) {
        decodeFailure = e;
      }
    }
    return (message.flags() & NlMsg.NLM_F_MULTI) == 0;
  }
}
