package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.SchemaNode;

/**
 * A node of configuration data, immutable. Every edit makes a new tree that shares the
 * untouched subtrees with the old one, so the running configuration, the candidate and every
 * commit of the history are cheap snapshots, and subsystems compare old and new by reference
 * before they compare by value.
 */
public sealed interface DataNode permits InnerNode, ListNode, LeafNode, LeafListNode {
  SchemaNode schema();
}
