package io.outpost.bgp.rib;

import io.outpost.bgp.attr.PathAttributes;

/** One path to a prefix: who sent it (with its add-path identifier) and its attributes. */
public record Route(RouteSource source, long pathId, PathAttributes attributes) {}
