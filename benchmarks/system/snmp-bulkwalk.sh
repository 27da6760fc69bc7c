#!/usr/bin/env bash
# Bulk-walks IF-MIB's ifXTable (1.3.6.1.2.1.31.1.1) of N interfaces from Outpost's SNMP agent
# and from net-snmp's snmpd serving the same interfaces, in one run on this machine.
#
# One network namespace holds N interfaces (veth pairs, every second pair up). Each round starts one
# agent in it, pinned to CPU 1, walks the table once to warm it (the JVM's compilers, snmpd's
# interface cache), then times WALKS walks of each kind with snmpbulkwalk pinned to CPU 0, and
# stops the agent; then the same for the other agent. Kinds: SNMPv2c, and SNMPv3 authPriv with
# SHA-256 and AES-128 (the configuration docs/snmp.md recommends). Printed per round and kind:
# each agent's median walk time and the objects it returned; at the end, the median over all
# rounds and Outpost's time as a ratio of snmpd's.
#
# Usage: benchmarks/system/snmp-bulkwalk.sh [rounds] [interfaces] [max-repetitions] [walks]
#   defaults: 3 1000 25 5
# Needs: iproute2, snmp and snmpd (Debian), bin/outpostd built (mvn -B install -DskipTests).
set -euo pipefail
ROUNDS=${1:-3}
IFACES=${2:-1000}
REPS=${3:-25}
WALKS=${4:-5}
HOME_DIR=$(cd "$(dirname "$0")/../.." && pwd)
NS=snmpb$$
WORK=$(mktemp -d /tmp/outpost-snmpbench.XXXXXX)
AGENT_PID=""
TABLE=1.3.6.1.2.1.31.1.1
V3="-v3 -l authPriv -u bench -a SHA-256 -A bench-auth-pass -x AES -X bench-priv-pass"

for tool in snmpd snmpbulkwalk ip taskset; do
  command -v $tool >/dev/null || { echo "snmp-bulkwalk.sh: $tool is missing (apt-get install snmp snmpd iproute2)" >&2; exit 69; }
done
[ -x "$HOME_DIR/bin/outpostd" ] || { echo "snmp-bulkwalk.sh: bin/outpostd missing" >&2; exit 69; }

stop_agent() {
  if [ -n "$AGENT_PID" ]; then
    kill "$AGENT_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$AGENT_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$AGENT_PID" 2>/dev/null || true
    wait "$AGENT_PID" 2>/dev/null || true
    AGENT_PID=""
  fi
}
cleanup() {
  stop_agent
  ip netns del $NS 2>/dev/null || true
  [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

ON_AGENT_CPU="" ON_CLIENT_CPU=""
if [ "$(nproc)" -ge 2 ]; then
  ON_AGENT_CPU="taskset -c 1" ON_CLIENT_CPU="taskset -c 0"
fi

ip netns add $NS
ip -n $NS link set lo up
for i in $(seq 1 2 "$IFACES"); do # veth pairs: this kernel may have no dummy driver
  echo "link add bench$i type veth peer name bench$((i + 1))"
  [ $((i % 4)) = 1 ] && echo "link set bench$i up" && echo "link set bench$((i + 1)) up"
done > "$WORK/links.batch"
ip -n $NS -batch "$WORK/links.batch"

start_snmpd() {
  mkdir -p "$WORK/snmpd-persist"
  cat > "$WORK/snmpd.conf" <<CONF
agentAddress udp:127.0.0.1:11161
rocommunity bench 127.0.0.1
createUser bench SHA-256 bench-auth-pass AES bench-priv-pass
rouser bench priv
CONF
  SNMP_PERSISTENT_DIR="$WORK/snmpd-persist" $ON_AGENT_CPU ip netns exec $NS \
    snmpd -f -Lf "$WORK/snmpd.log" -C -c "$WORK/snmpd.conf" -p "$WORK/snmpd.pid" &
  AGENT_PID=$!
  PORT=11161
}

start_outpost() {
  rm -rf "$WORK/state"; mkdir -p "$WORK/state"
  $ON_AGENT_CPU ip netns exec $NS "$HOME_DIR/bin/outpostd" --state-dir "$WORK/state" \
    > "$WORK/outpost.log" 2>&1 &
  AGENT_PID=$!
  for _ in $(seq 1 120); do
    grep -q "outpostd ready" "$WORK/outpost.log" && break
    sleep 0.5
  done
  "$HOME_DIR/bin/outpost" --socket "$WORK/state/outpost.sock" -c "configure;
    set snmp port 11162; set snmp community bench source 127.0.0.0/8;
    set snmp user bench auth-password bench-auth-pass;
    set snmp user bench priv-password bench-priv-pass; commit" > /dev/null
  PORT=11162
}

# walk KIND: one timed walk; prints "milliseconds objects"
walk() {
  local opts="-v2c -c bench"
  [ "$1" = v3 ] && opts=$V3
  local t0 t1
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  $ON_CLIENT_CPU ip netns exec $NS snmpbulkwalk $opts -t 5 -r 1 -Cr"$REPS" -On -Oq \
    "127.0.0.1:$PORT" $TABLE > "$WORK/walk.out"
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(wc -l < "$WORK/walk.out")"
}

wait_answering() {
  for _ in $(seq 1 100); do
    ip netns exec $NS snmpget -v2c -c bench -t 1 -r 0 "127.0.0.1:$PORT" 1.3.6.1.2.1.1.5.0 \
      > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "snmp-bulkwalk.sh: the $1 agent does not answer on port $PORT" >&2
  exit 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "ifXTable bulk walk: $IFACES interfaces, max-repetitions $REPS, $WALKS walks per round and kind"
: > "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  for agent in outpost snmpd; do
    start_$agent
    wait_answering $agent
    for kind in v2c v3; do
      walk $kind > /dev/null # warm
      for _ in $(seq 1 "$WALKS"); do
        echo "$agent $kind $(walk $kind)" >> "$WORK/results"
      done
      ms=$(grep "^$agent $kind " "$WORK/results" | tail -n "$WALKS" | cut -d' ' -f3 | median)
      objects=$(grep "^$agent $kind " "$WORK/results" | tail -n 1 | cut -d' ' -f4)
      echo "round $round $agent $kind: median ${ms} ms, $objects objects"
    done
    stop_agent
  done
done
for kind in v2c v3; do
  o=$(grep "^outpost $kind " "$WORK/results" | cut -d' ' -f3 | median)
  s=$(grep "^snmpd $kind " "$WORK/results" | cut -d' ' -f3 | median)
  echo "all rounds $kind: outpost ${o} ms, snmpd ${s} ms, ratio $(awk -v o="$o" -v s="$s" 'BEGIN {printf "%.2f", o / s}')"
done
