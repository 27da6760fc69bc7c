package io.outpost.dataplane.runtime;

/**
 * An 802.1Q VLAN sub-interface of a data-plane port, as the control plane asks for it: frames
 * tagged {@code vlan} on port {@code port} are the interface's, and its kernel mirror is a TAP
 * named {@code name} with the port's MAC.
 *
 * @param name the interface's name, also its mirror's ("eth1.100")
 * @param port the index of the parent port
 * @param vlan the VLAN id, 1..4094
 */
public record Subinterface(String name, int port, int vlan) {
  public Subinterface {
    if (vlan < 1 || vlan > 4094) {
      throw new IllegalArgumentException(name + ": VLAN id must be 1..4094: " + vlan);
    }
  }
}
