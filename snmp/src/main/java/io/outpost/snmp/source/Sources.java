package io.outpost.snmp.source;

/** Everything the agent serves, in one place for the agent's constructor. */
public record Sources(SystemSource system, InterfaceSource interfaces, RouteSource routes,
    BgpSource bgp, EntitySource entities) {}
