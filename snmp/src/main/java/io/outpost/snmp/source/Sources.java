package io.outpost.snmp.source;

import java.util.List;

/** Everything the agent serves, in one place for the agent's constructor. */
public record Sources(SystemSource system, InterfaceSource interfaces, RouteSource routes,
    BgpSource bgp, EntitySource entities) {

  /** Sources with nothing in them, for an agent that serves only itself and the host. */
  public static Sources none(String description, String name) {
    return new Sources(new SystemSource() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public String name() {
        return name;
      }
    }, new InterfaceSource() {
      @Override
      public List<InterfaceRow> interfaces() {
        return List.of();
      }

      @Override
      public List<AddressRow> addresses() {
        return List.of();
      }
    }, new RouteSource() {
      @Override
      public long count() {
        return 0;
      }

      @Override
      public List<RouteRow> routes(int limit) {
        return List.of();
      }
    }, new BgpSource() {
      @Override
      public long localAs() {
        return 0;
      }

      @Override
      public String routerId() {
        return null;
      }

      @Override
      public List<BgpPeerRow> peers() {
        return List.of();
      }

      @Override
      public List<BgpPathRow> paths(int limit) {
        return List.of();
      }
    }, new EntitySource() {
      @Override
      public List<PhysicalEntity> entities() {
        return List.of();
      }

      @Override
      public List<SensorRow> sensors() {
        return List.of();
      }
    });
  }
}
