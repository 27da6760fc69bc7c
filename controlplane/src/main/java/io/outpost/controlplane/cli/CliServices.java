package io.outpost.controlplane.cli;

import io.outpost.controlplane.snmp.SnmpSubsystem;
import io.outpost.controlplane.bgp.BgpSubsystem;
import io.outpost.controlplane.datastore.Datastore;
import io.outpost.controlplane.forwarding.DataplaneService;
import io.outpost.controlplane.health.HealthSubsystem;
import io.outpost.controlplane.interfaces.InterfacesSubsystem;
import io.outpost.controlplane.routing.RoutingSubsystem;
import io.outpost.controlplane.system.ApplianceIdentity;
import java.time.Clock;

/** What CLI commands read and act on: the datastore and the subsystems' operational state. */
public record CliServices(Datastore datastore, ApplianceIdentity identity, InterfacesSubsystem interfaces,
    RoutingSubsystem routing, DataplaneService dataplane, BgpSubsystem bgp, HealthSubsystem health,
    SnmpSubsystem snmp, Clock clock, String version) {}
