#!/bin/sh
# Runs ringbench (TPACKET_V2 against TPACKET_V3 receive rings) on a veth pair in a scratch
# network namespace, then deletes the namespace. Needs root and gcc.
#
#   dataplane/src/main/c/bench/ringbench.sh [SECONDS] [RUNS]
#
# Each configuration runs RUNS times (default 3) for SECONDS each (default 5); compare medians.
# About 12 * RUNS * SECONDS seconds in all.
set -eu
seconds=${1:-5}
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
ns="outpost-ringbench-$$"
trap 'ip netns delete "$ns" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM

${CC:-gcc} -O2 -Wall -Wextra -Werror -pthread -o "$work/ringbench" "$here/ringbench.c"
ip netns add "$ns"
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$ns" link add veth0 type veth peer name veth1
ip -n "$ns" link set veth0 up
ip -n "$ns" link set veth1 up

# V2 with 2 MiB (1024 slots, the driver's default) and with 32 MiB (16384 slots: as many 64-byte
# frames as V3 packs into 2 MiB); V3 with 2 MiB and a 1 ms or the kernel's default retire timer.
for test in burst paced latency; do
  for config in "v2 2048" "v2 32768" "v3 2048 1" "v3 2048 0"; do
    i=0
    while [ "$i" -lt "$runs" ]; do
      # shellcheck disable=SC2086 # $config is "version ring-KiB [retire-ms]" on purpose
      set -- $config
      ip netns exec "$ns" "$work/ringbench" veth0 veth1 "$1" "$test" "$seconds" "$2" ${3:-}
      i=$((i + 1))
    done
  done
done
