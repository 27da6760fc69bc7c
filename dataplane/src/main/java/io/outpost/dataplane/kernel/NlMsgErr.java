package io.outpost.dataplane.kernel;

/**
 * Reads the outcome the kernel reports at the end of a request: an NLMSG_ERROR message ({@code
 * struct nlmsgerr}, which with error 0 is the ack) or the NLMSG_DONE message that closes a dump.
 *
 * <pre>
 * NLMSG_ERROR payload:
 * +---------------------------------------------------------------+
 * |        error: 0 for an ack, else a negative errno             |
 * +---------------------------------------------------------------+
 * |        the request's nlmsghdr (16 bytes), and its payload     |
 * |        unless the NLM_F_CAPPED flag says it was left out      |
 * +---------------------------------------------------------------+
 * |        extended-ack attributes if the NLM_F_ACK_TLVS flag     |
 * +---------------------------------------------------------------+
 *
 * NLMSG_DONE payload: the error (0, or a negative errno if the dump failed midway), then
 * extended-ack attributes if the NLM_F_ACK_TLVS flag is set.
 * </pre>
 *
 * <p>Stateless; it reads the message where the {@link NetlinkDatagram} cursor stands.
 */
final class NlMsgErr {
  private static final int ERROR_SIZE = 4;
  private static final int NLMSGERR_ATTR_MSG = 1;

  private NlMsgErr() {}

  /** The positive errno of an NLMSG_ERROR or NLMSG_DONE message; 0 means success. */
  static int errno(NetlinkDatagram message) {
    if (message.payloadLength() < ERROR_SIZE) {
      throw malformed(message);
    }
    return -message.buffer().getInt(message.payloadOffset());
  }

  /** The kernel's extended-ack explanation carried by the message, or "" if there is none. */
  static String kernelMessage(NetlinkDatagram message) {
    if ((message.flags() & NlMsg.NLM_F_ACK_TLVS) == 0) {
      return "";
    }
    int skip = ERROR_SIZE;
    if (message.type() == NlMsg.NLMSG_ERROR) {
      skip += echoedRequestLength(message);
    }
    if (skip > message.payloadLength()) {
      throw malformed(message);
    }
    return NetlinkAttributes.parse(
            message.buffer(), message.payloadOffset() + skip, message.payloadLength() - skip)
        .string(NLMSGERR_ATTR_MSG);
  }

  /** The bytes of the request that an NLMSG_ERROR echoes back before its attributes. */
  private static int echoedRequestLength(NetlinkDatagram message) {
    if (message.payloadLength() < ERROR_SIZE + NlMsg.HEADER_SIZE) {
      throw malformed(message);
    }
    if ((message.flags() & NlMsg.NLM_F_CAPPED) != 0) {
      return NlMsg.HEADER_SIZE;
    }
    int echoed = message.buffer().getInt(message.payloadOffset() + ERROR_SIZE);
    if (echoed < NlMsg.HEADER_SIZE || echoed > message.payloadLength() - ERROR_SIZE) {
      throw malformed(message);
    }
    return NlMsg.align(echoed);
  }

  private static NetlinkException malformed(NetlinkDatagram message) {
    return new NetlinkException(
        "malformed netlink message type " + message.type() + ": " + message.payloadLength()
            + "-byte payload",
        Errno.EBADMSG);
  }
}
