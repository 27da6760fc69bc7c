package io.outpost.dataplane.kernel;

/**
 * The netlink message header ({@code struct nlmsghdr}, linux/netlink.h): its layout, the message
 * types and flags this package uses, and the 4-byte alignment every netlink structure follows.
 *
 * <p>Named after the kernel struct so that each constant can be checked against the UAPI header
 * by name. All fields are in host byte order.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  length, header included                      |
 * +-------------------------------+-------------------------------+
 * |             type              |             flags             |
 * +-------------------------------+-------------------------------+
 * |                        sequence number                        |
 * +---------------------------------------------------------------+
 * |                 port id (0: from or to the kernel)            |
 * +---------------------------------------------------------------+
 * |        payload, padded to a multiple of 4 ...                 |
 * </pre>
 */
final class NlMsg {
  static final int LENGTH_OFFSET = 0;
  static final int TYPE_OFFSET = 4;
  static final int FLAGS_OFFSET = 6;
  static final int SEQUENCE_OFFSET = 8;
  static final int HEADER_SIZE = 16;

  static final int NLMSG_NOOP = 1;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;

  static final int RTM_NEWLINK = 16;
  static final int RTM_GETLINK = 18;
  static final int RTM_NEWADDR = 20;
  static final int RTM_DELADDR = 21;
  static final int RTM_GETADDR = 22;
  static final int RTM_NEWROUTE = 24;
  static final int RTM_DELROUTE = 25;
  static final int RTM_GETROUTE = 26;

  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_MULTI = 0x2;
  static final int NLM_F_ACK = 0x4;
  /** Set by the kernel when the table changed during a dump, so the dump may be inconsistent. */
  static final int NLM_F_DUMP_INTR = 0x10;
  static final int NLM_F_DUMP = 0x300;
  static final int NLM_F_EXCL = 0x200;
  static final int NLM_F_CREATE = 0x400;
  static final int NLM_F_REPLACE = 0x100;
  /** On NLMSG_ERROR: the echoed request was cut to its header (we set NETLINK_CAP_ACK). */
  static final int NLM_F_CAPPED = 0x100;
  /** On NLMSG_ERROR: extended-ack attributes follow the echoed request. */
  static final int NLM_F_ACK_TLVS = 0x200;

  private NlMsg() {}

  /** NLMSG_ALIGN and RTA_ALIGN alike: rounds up to the next multiple of 4. */
  static int align(int length) {
    return (length + 3) & ~3;
  }
}
