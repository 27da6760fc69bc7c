/**
 * The BGP session state machine (RFC 4271 section 8), pure: events in, transitions with
 * actions out; the session carries the actions out.
 */
package io.outpost.bgp.fsm;
