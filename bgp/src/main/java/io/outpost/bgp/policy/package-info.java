/** Route policy as the speaker applies it on import and export. */
package io.outpost.bgp.policy;
