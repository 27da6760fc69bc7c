#!/bin/bash
# A full BGP table into Outpost, BIRD, FRR (bgpd) and GoBGP, one after the other, in the same run.
#
#   [ target ] t0 ── veth ── g0 [ feeder 10.0.0.2, sinks 10.0.0.10 ... ]   (two network namespaces)
#   10.0.0.1, fd00::1           10.0.0.2, fd00::2 and one address per sink
#
# The target (AS 65000) has one eBGP upstream, the feeder (AS 65001), which sends it a full table
# (1,000,000 IPv4 + 250,000 IPv6 prefixes by default, pre-encoded, as fast as the target reads),
# and SINKS eBGP downstream peers (AS 65100 + i) it re-advertises everything to, with import and
# export "accept all" on every session. IPv6 goes over the IPv4 sessions (MP-BGP). No target
# installs routes in a kernel: BIRD has no kernel protocol, bgpd runs without zebra (-Z), GoBGP
# has none, outpostd has no data-plane ports (its consumer of best routes still records every
# change for the routing table, which, with no data plane to program, drops them; FIB=1 below
# adds the data plane and its FIB).
# benchmarks' FullTableFeed (see its Javadoc) is the feeder and the sinks, and prints per run:
#   feed_s         until the target had read the whole table off its socket
#   all_sinks_s    until every sink held the whole table (through the target's RIB and out)
#   settled_s      until the end of the last 50 ms the target used 5% of a core or more in,
#                  followed by a whole second under 5%
#   cpu_s          the target's CPU seconds (all threads, user + system) until settled
#   peak_rss_mb    the target's peak resident memory (VmHWM)
# and, per round, the target's CPU seconds per thread name (from the first octet to the end of
# the quiet second after settled_s): for outpostd its event loop, compilers and collector.
# Rounds alternate the targets so drift on a shared machine hits them all; medians are printed.
# Every target runs pinned to CPU 1 and the feeder and sinks to CPU 0 (taskset), so that each
# target gets the same one core and the load generator never competes with it; PIN=0 lets
# them float over every core.
#
# Usage (root, after 'mvn -B install -DskipTests'):
#   benchmarks/system/bgp-fulltable.sh [ROUNDS] [SINKS] [IPV4] [IPV6] [TARGETS]
#   defaults: 3 10 1000000 250000 "outpost bird frr gobgp"
# HEAP_HISTOGRAM=1 also writes Outpost's live heap (a class histogram after a full GC, and the
# heap's sizes, and the JVM's native memory when OUTPOSTD_JAVA_OPTS turns on
# -XX:NativeMemoryTracking=summary) once the table has settled and while every session is still up, to
# histogram-ROUND.txt in the work directory, which is then kept.
# Outpost runs with an AOT cache that a training run on a fifth of the table makes first (see
# below; AOT=0: without one, every method learned and compiled at run time as on a cold start).
# FIB=1 makes t0 a data-plane port of outpostd (its sessions then go through the data plane's
# TAP), so that every route also goes into the data plane's FIB: settled_s is then until the
# FIB holds the table, and the FIB's size is printed after each round to show it does.
# Needs: iproute2, bird2, frr, gobgpd.
set -euo pipefail
ROUNDS=${1:-3}
SINKS=${2:-10}
IPV4=${3:-1000000}
IPV6=${4:-250000}
TARGETS=${5:-outpost bird frr gobgp}
HOME_DIR=$(cd "$(dirname "$0")/../.." && pwd)
ID=bgpb$$
T=$ID-t G=$ID-g
WORK=$(mktemp -d /tmp/outpost-bgpbench.XXXXXX)
TARGET_PID=""

for tool in bird /usr/lib/frr/bgpd gobgpd ip ss; do
  command -v $tool >/dev/null || { echo "bgp-fulltable.sh: $tool is missing (apt-get install bird2 frr gobgpd iproute2)" >&2; exit 69; }
done
[ -x "$HOME_DIR/bin/outpostd" ] || { echo "bgp-fulltable.sh: bin/outpostd missing" >&2; exit 69; }
[ -f "$HOME_DIR/benchmarks/target/benchmarks.jar" ] || { echo "bgp-fulltable.sh: benchmarks/target/benchmarks.jar missing (mvn -B install -DskipTests)" >&2; exit 69; }

cleanup() {
  stop_target
  for ns in $T $G; do ip netns del $ns 2>/dev/null || true; done
  [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  ON_TARGET_CPU="taskset -c 1" ON_FEEDER_CPU="taskset -c 0"
else
  ON_TARGET_CPU="" ON_FEEDER_CPU=""
fi

sink_address() { echo "10.0.0.$((10 + $1))"; }

topology() {
  for ns in $T $G; do ip netns add $ns; ip -n $ns link set lo up; done
  ip link add t0 netns $T type veth peer name g0 netns $G
  ip -n $T addr add 10.0.0.1/24 dev t0
  ip -n $T addr add fd00::1/64 dev t0 nodad
  ip -n $G addr add 10.0.0.2/24 dev g0
  ip -n $G addr add fd00::2/64 dev g0 nodad
  for i in $(seq 0 $((SINKS - 1))); do ip -n $G addr add "$(sink_address $i)/24" dev g0; done
  ip -n $T link set t0 up; ip -n $G link set g0 up
  if [ "${FIB:-0}" = 1 ]; then
    # veth leaves TCP checksums to be finished by the receiving kernel, which a data plane
    # reading the frames off the wire does not do (docs/dataplane.md, "veth and checksum offload")
    nsx $G ethtool -K g0 tx off > /dev/null
  fi
}

wait_listening() {
  for _ in $(seq 1 120); do
    [ -n "$(nsx $T ss -Hltn 'sport = :179')" ] && return 0
    sleep 0.5
  done
  echo "bgp-fulltable.sh: $1 does not listen on port 179; its log:" >&2
  cat "$WORK/$1.log" >&2
  exit 1
}

start_outpost() {
  rm -rf "$WORK/state"; mkdir -p "$WORK/state"
  OUTPOSTD_JAVA_OPTS="${OUTPOSTD_JAVA_OPTS:-} ${OUTPOST_AOT_OPTS:-}" $ON_TARGET_CPU ip netns exec $T \
    "$HOME_DIR/bin/outpostd" --state-dir "$WORK/state" > "$WORK/outpost.log" 2>&1 &
  TARGET_PID=$!
  for _ in $(seq 1 120); do
    grep -q "outpostd ready" "$WORK/outpost.log" && break
    sleep 0.5
  done
  local c="configure; set policy policy-statement all default-action accept;"
  c+=" set protocols bgp local-as 65000; set protocols bgp router-id 10.0.0.1;"
  for group in feed sinks; do
    c+=" set protocols bgp peer-group $group passive true;"
    c+=" set protocols bgp peer-group $group address-family ipv4-unicast;"
    c+=" set protocols bgp peer-group $group address-family ipv6-unicast;"
    c+=" set protocols bgp peer-group $group import-policy all;"
    c+=" set protocols bgp peer-group $group export-policy all;"
  done
  if [ "${FIB:-0}" = 1 ]; then
    # The data plane takes t0 over (the sessions then reach the daemon through its TAP) and
    # every route goes into its FIB as well.
    c+=" set interfaces interface t0 ipv4 address 10.0.0.1/24;"
    c+=" set interfaces interface t0 ipv6 address fd00::1/64;"
    c+=" set dataplane port t0; set dataplane workers 1; set dataplane rx-mode interrupt;"
  fi
  c+=" set protocols bgp neighbor 10.0.0.2 peer-group feed;"
  c+=" set protocols bgp neighbor 10.0.0.2 remote-as 65001;"
  for i in $(seq 0 $((SINKS - 1))); do
    c+=" set protocols bgp neighbor $(sink_address $i) peer-group sinks;"
    c+=" set protocols bgp neighbor $(sink_address $i) remote-as $((65100 + i));"
  done
  "$HOME_DIR/bin/outpost" --socket "$WORK/state/outpost.sock" -c "$c commit" > /dev/null
  wait_listening outpost
}

start_bird() {
  {
    echo "router id 10.0.0.1;"
    echo "protocol device {}"
    echo "template bgp peer { local 10.0.0.1 as 65000; passive on;"
    echo "  ipv4 { import all; export all; }; ipv6 { import all; export all; next hop address fd00::1; }; }"
    echo "protocol bgp feed from peer { neighbor 10.0.0.2 as 65001; }"
    for i in $(seq 0 $((SINKS - 1))); do
      echo "protocol bgp sink$i from peer { neighbor $(sink_address $i) as $((65100 + i)); }"
    done
  } > "$WORK/bird.conf"
  $ON_TARGET_CPU ip netns exec $T bird -f -c "$WORK/bird.conf" -s "$WORK/bird.ctl" -P "$WORK/bird.pid" > "$WORK/bird.log" 2>&1 &
  TARGET_PID=$!
  wait_listening bird
}

start_frr() {
  {
    echo "frr defaults traditional"
    echo "route-map all permit 10"
    echo "route-map sink permit 10"
    echo " set ipv6 next-hop global fd00::1"
    echo "router bgp 65000"
    echo " bgp router-id 10.0.0.1"
    echo " no bgp ebgp-requires-policy"
    echo " neighbor 10.0.0.2 remote-as 65001"
    echo " neighbor 10.0.0.2 passive"
    for i in $(seq 0 $((SINKS - 1))); do
      echo " neighbor $(sink_address $i) remote-as $((65100 + i))"
      echo " neighbor $(sink_address $i) passive"
    done
    for af in ipv4 ipv6; do
      echo " address-family $af unicast"
      echo "  neighbor 10.0.0.2 activate"
      for i in $(seq 0 $((SINKS - 1))); do
        echo "  neighbor $(sink_address $i) activate"
        [ $af = ipv6 ] && echo "  neighbor $(sink_address $i) route-map sink out"
      done
      echo " exit-address-family"
    done
  } > "$WORK/bgpd.conf"
  $ON_TARGET_CPU ip netns exec $T /usr/lib/frr/bgpd -Z -S -f "$WORK/bgpd.conf" -i "$WORK/bgpd.pid" \
    --vty_socket "$WORK" -A 127.0.0.1 -P 0 > "$WORK/frr.log" 2>&1 &
  TARGET_PID=$!
  wait_listening frr
}

start_gobgp() {
  {
    printf '[global.config]\n  as = 65000\n  router-id = "10.0.0.1"\n'
    neighbor() {
      printf '[[neighbors]]\n  [neighbors.config]\n    neighbor-address = "%s"\n    peer-as = %s\n' "$1" "$2"
      printf '  [neighbors.transport.config]\n    passive-mode = true\n'
      for af in ipv4-unicast ipv6-unicast; do
        printf '  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = "%s"\n' $af
      done
    }
    neighbor 10.0.0.2 65001
    for i in $(seq 0 $((SINKS - 1))); do neighbor "$(sink_address $i)" $((65100 + i)); done
  } > "$WORK/gobgpd.toml"
  $ON_TARGET_CPU ip netns exec $T gobgpd -f "$WORK/gobgpd.toml" -t toml --api-hosts 127.0.0.1:50051 > "$WORK/gobgp.log" 2>&1 &
  TARGET_PID=$!
  wait_listening gobgp
}

# Targets run as '[taskset -c 1] ip netns exec NS DAEMON &', each of which execs the next (and
# bin/outpostd execs java):
# TARGET_PID is the daemon itself, whose CPU and memory count.
stop_target() {
  if [ -n "$TARGET_PID" ]; then
    kill -TERM "$TARGET_PID" 2>/dev/null || true
    wait "$TARGET_PID" 2>/dev/null || true
    TARGET_PID=""
  fi
}

# feed IPV4 IPV6 [THEN]: one table into the running target; prints FullTableFeed's result line.
feed() {
  BENCHMARK_JAVA_OPTS="-Xmx8g" $ON_FEEDER_CPU ip netns exec $G "$HOME_DIR/benchmarks/run" \
    --main io.outpost.benchmarks.bgp.FullTableFeed target=10.0.0.1 \
    target_pid="$TARGET_PID" feeder=10.0.0.2 feeder6=fd00::2 sinks="$sinks" \
    ipv4="$1" ipv6="$2" then="${3:-}" 2>&1 | tee "$WORK/feed.log" | grep '^result' || true
}

sinks=""
topology
for i in $(seq 0 $((SINKS - 1))); do sinks+="${sinks:+,}$(sink_address $i)"; done
# Outpost's AOT cache (JDK 25, JEPs 483 and 515: classes loaded and linked, and method profiles,
# ahead of time) comes from a training run on a fifth of the table in the same topology; the
# JVM writes it when the daemon exits. AOT=0 measures without one.
if [ "${AOT:-1}" = 1 ] && [[ " $TARGETS " == *" outpost "* ]]; then
  OUTPOST_AOT_OPTS="-XX:AOTCacheOutput=$WORK/outpostd.aot" start_outpost
  line=$(feed $((IPV4 / 5)) $((IPV6 / 5)))
  stop_target
  if [ -z "$line" ] || [ ! -s "$WORK/outpostd.aot" ]; then
    echo "AOT training run failed:" >&2; cat "$WORK/feed.log" "$WORK/outpost.log" >&2; exit 1
  fi
  echo "AOT cache trained on $((IPV4 / 5)) + $((IPV6 / 5)) prefixes: $(du -h "$WORK/outpostd.aot" | cut -f1)" >&2
  export OUTPOST_AOT_OPTS="-XX:AOTCache=$WORK/outpostd.aot"
fi
declare -A results
for round in $(seq 1 "$ROUNDS"); do
  for target in $TARGETS; do
    start_$target
    then=""
    if [ "${HEAP_HISTOGRAM:-}" = 1 ] && [ $target = outpost ]; then
      jcmd=$(dirname "$(readlink -f /proc/$TARGET_PID/exe)")/jcmd
      then="{ $jcmd $TARGET_PID GC.class_histogram; $jcmd $TARGET_PID GC.heap_info; $jcmd $TARGET_PID VM.native_memory summary; } > $WORK/histogram-$round.txt 2>&1"
      KEEP_WORK=1
    fi
    line=$(feed "$IPV4" "$IPV6" "$then")
    if [ "${FIB:-0}" = 1 ] && [ $target = outpost ]; then
      echo "round $round outpost: data plane $("$HOME_DIR/bin/outpost" --socket "$WORK/state/outpost.sock" \
        -c "show dataplane" | grep '^FIB:')" >&2
    fi
    stop_target
    if [ -z "$line" ]; then
      echo "round $round $target: failed:" >&2; cat "$WORK/feed.log" >&2; exit 1
    fi
    echo "round $round $target: ${line#result }" >&2
    echo "round $round $target: $(grep '^threads' "$WORK/feed.log" || true)" >&2
    for kv in ${line#result }; do results[$target.${kv%%=*}]+="${kv#*=} "; done
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "median of $ROUNDS rounds, $IPV4 IPv4 + $IPV6 IPv6 prefixes, $SINKS downstream peers"
printf "%-12s" ""; for target in $TARGETS; do printf "%12s" "$target"; done; echo
for m in feed_s all_sinks_s settled_s cpu_s peak_rss_mb; do
  printf "%-12s" "$m"
  for target in $TARGETS; do printf "%12s" "$(echo ${results[$target.$m]} | median)"; done
  echo
done
