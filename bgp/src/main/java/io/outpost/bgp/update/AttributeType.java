package io.outpost.bgp.update;

/** Path attribute type codes (IANA "BGP Path Attributes") and the flag bits of RFC 4271 4.3. */
final class AttributeType {
  static final int ORIGIN = 1;
  static final int AS_PATH = 2;
  static final int NEXT_HOP = 3;
  static final int MULTI_EXIT_DISC = 4;
  static final int LOCAL_PREF = 5;
  static final int ATOMIC_AGGREGATE = 6;
  static final int AGGREGATOR = 7;
  static final int COMMUNITIES = 8;
  static final int ORIGINATOR_ID = 9;
  static final int CLUSTER_LIST = 10;
  static final int MP_REACH_NLRI = 14;
  static final int MP_UNREACH_NLRI = 15;
  static final int EXTENDED_COMMUNITIES = 16;
  static final int AS4_PATH = 17;
  static final int AS4_AGGREGATOR = 18;
  static final int LARGE_COMMUNITY = 32;

  static final int OPTIONAL = 0x80;
  static final int TRANSITIVE = 0x40;
  static final int PARTIAL = 0x20;
  static final int EXTENDED_LENGTH = 0x10;

  private AttributeType() {}

  /**
   * The Optional and Transitive bits the type must carry, or -1 for a type this speaker does not
   * know (whose flags are the sender's to choose).
   */
  static int requiredFlags(int type) {
    return switch (type) {
      case ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE -> TRANSITIVE;
      case MULTI_EXIT_DISC, ORIGINATOR_ID, CLUSTER_LIST, MP_REACH_NLRI, MP_UNREACH_NLRI ->
          OPTIONAL;
      case AGGREGATOR, COMMUNITIES, EXTENDED_COMMUNITIES, AS4_PATH, AS4_AGGREGATOR,
          LARGE_COMMUNITY -> OPTIONAL | TRANSITIVE;
      default -> -1;
    };
  }

  static String name(int type) {
    return switch (type) {
      case ORIGIN -> "ORIGIN";
      case AS_PATH -> "AS_PATH";
      case NEXT_HOP -> "NEXT_HOP";
      case MULTI_EXIT_DISC -> "MULTI_EXIT_DISC";
      case LOCAL_PREF -> "LOCAL_PREF";
      case ATOMIC_AGGREGATE -> "ATOMIC_AGGREGATE";
      case AGGREGATOR -> "AGGREGATOR";
      case COMMUNITIES -> "COMMUNITIES";
      case ORIGINATOR_ID -> "ORIGINATOR_ID";
      case CLUSTER_LIST -> "CLUSTER_LIST";
      case MP_REACH_NLRI -> "MP_REACH_NLRI";
      case MP_UNREACH_NLRI -> "MP_UNREACH_NLRI";
      case EXTENDED_COMMUNITIES -> "EXTENDED_COMMUNITIES";
      case AS4_PATH -> "AS4_PATH";
      case AS4_AGGREGATOR -> "AS4_AGGREGATOR";
      case LARGE_COMMUNITY -> "LARGE_COMMUNITY";
      default -> "attribute " + type;
    };
  }
}
