package io.outpost.bgp.wire;

import java.util.Arrays;

/**
 * What the codec found wrong with a message, as the NOTIFICATION that answers it (RFC 4271
 * section 6): error code, subcode and data. The codec throws it and never sends anything; the
 * session decides (send the NOTIFICATION and close, or, for UPDATE attributes, the RFC 7606
 * action).
 */
public final class BgpError extends Exception {
  public static final int MESSAGE_HEADER = 1;
  public static final int OPEN_MESSAGE = 2;
  public static final int UPDATE_MESSAGE = 3;
  public static final int HOLD_TIMER_EXPIRED = 4;
  public static final int FSM = 5;
  public static final int CEASE = 6;
  public static final int ROUTE_REFRESH_MESSAGE = 7;

  /** Message header subcodes. */
  public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
  public static final int BAD_MESSAGE_LENGTH = 2;
  public static final int BAD_MESSAGE_TYPE = 3;

  /** OPEN subcodes (0: unspecific). */
  public static final int UNSUPPORTED_VERSION = 1;
  public static final int BAD_PEER_AS = 2;
  public static final int BAD_BGP_IDENTIFIER = 3;
  public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
  public static final int UNACCEPTABLE_HOLD_TIME = 6;

  /** ROUTE-REFRESH subcode (RFC 7313): the message length is wrong. */
  public static final int INVALID_ROUTE_REFRESH_LENGTH = 1;

  private final int code;
  private final int subcode;
  private final byte[] data;

  public BgpError(int code, int subcode, byte[] data, String why) {
    super(why);
    this.code = code;
    this.subcode = subcode;
    this.data = data.clone();
  }

  public int code() {
    return code;
  }

  public int subcode() {
    return subcode;
  }

  /** The NOTIFICATION's data field, as RFC 4271 prescribes for this error. */
  public byte[] data() {
    return data.clone();
  }

  /** The NOTIFICATION that reports this error. */
  public NotificationMessage notification() {
    return new NotificationMessage(code, subcode, data);
  }

  static byte[] u16(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }

  @Override
  public String toString() {
    return "BGP error " + code + "/" + subcode + " " + Arrays.toString(data) + ": " + getMessage();
  }
}
