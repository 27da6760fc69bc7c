package io.outpost.controlplane.datastore;

import java.time.Instant;

/**
 * Who is talking to the datastore: one management session (a CLI connection, later a NETCONF
 * or RESTCONF client). Locks belong to sessions and are released when the session ends.
 *
 * @param id unique for the daemon's lifetime, as NETCONF's session-id
 * @param user the authenticated user name
 * @param transport "cli", "netconf", "restconf", or "system" for the daemon's own actions
 * @param source where the session comes from (a peer address, or the local socket's uid)
 */
public record Session(long id, String user, String transport, String source, Instant started) {
  public String describe() {
    return "user " + user + " (session " + id + ", " + transport + ")";
  }
}
