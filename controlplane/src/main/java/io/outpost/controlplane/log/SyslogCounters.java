package io.outpost.controlplane.log;

/**
 * A snapshot of what a syslog target did with the messages offered to it, for metrics.
 *
 * @param sent    messages handed to the kernel (a UDP datagram sent, a TCP frame written)
 * @param dropped messages given up: queue full, send failed, or still queued at close
 */
public record SyslogCounters(long sent, long dropped) {
}
