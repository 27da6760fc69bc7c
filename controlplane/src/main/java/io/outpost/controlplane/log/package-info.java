/**
 * Structured logging of {@code outpostd}: log lines as JSON or logfmt on stdout, and RFC 5424
 * syslog to servers over UDP (RFC 5426) or TCP (RFC 6587 octet counting).
 *
 * <p>How the pieces fit:
 * <ul>
 *   <li>Components log through {@link io.outpost.controlplane.log.Log}; libraries that use
 *       java.util.logging arrive through {@code JulBridge}.</li>
 *   <li>{@link io.outpost.controlplane.log.LogService} owns the outputs and publishes them as one
 *       immutable {@code ActiveOutputs} snapshot; a log call reads it with one volatile read and
 *       takes no lock. Configuration changes are two-phase ({@code prepare}, then
 *       {@code commit} or {@code abort}) to join the appliance's all-or-nothing commits.</li>
 *   <li>{@code LogfmtLineFormatter} and {@code JsonLineFormatter} write stdout lines;
 *       {@code Rfc5424Encoder} writes syslog messages once per event, and each target's
 *       {@code SyslogSender} adds its PRI and carries them: UDP from the logging thread,
 *       non-blocking; TCP from a virtual thread per server behind a bounded queue that drops and
 *       counts rather than block.</li>
 * </ul>
 *
 * <p>The package depends on nothing but the JDK.
 */
package io.outpost.controlplane.log;
