package io.outpost.dataplane.pipeline;

/** The fixed chain of stages a burst runs through, in order, for counters and tracing. */
public enum Stage {
  ETHERNET_INPUT,
  ARP_INPUT,
  IPV4_INPUT,
  IPV6_INPUT,
  IPV4_FORWARD,
  IPV6_FORWARD,
  PUNT,
  OUTPUT,
  KERNEL_OUTPUT;

  static final Stage[] VALUES = values();

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
