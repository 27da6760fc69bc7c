/**
 * The BGP wire: message framing and the stateless codec (RFC 4271 section 4, RFC 5492
 * capabilities, RFC 2918/7313 route refresh, RFC 9003 shutdown communication). No sockets, no
 * session state; the negotiated options come in explicitly.
 */
package io.outpost.bgp.wire;
