package io.outpost.controlplane.yang;

/**
 * A compiled module's identity: what RFC 7951 qualifies names with, what NETCONF advertises, and
 * its source text (served by get-schema).
 */
public record YangModule(String name, String prefix, String namespace, String revision, String text) {}
