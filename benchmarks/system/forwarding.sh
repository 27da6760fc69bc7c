#!/bin/bash
# Kernel forwarding against Outpost's data plane, on the same namespaces, in the same run.
#
#   src 10.1.0.2 ── eth0 [ r ] eth1 ── dst 10.2.0.2          (veth pairs, one network namespace each)
#
# Mode "kernel": r's kernel forwards (ip_forward 1, addresses on its veths).
# Mode "outpost": outpostd runs in r with both veths as data-plane ports; r's kernel does not forward.
# Mode "polling": the same with "dataplane rx-mode polling" (the worker spins instead of sleeping).
# For each mode and each round it measures:
#   pps      64-byte UDP (256 flows) offered by trafgen at full speed for DURATION seconds;
#            forwarded packets per second counted at dst's interface (the offered rate, counted
#            at src's interface, is printed per round: when forwarded = offered, the sender,
#            not the router, is the limit)
#   tcp      iperf3, one TCP stream src→dst for DURATION seconds, Gbit/s received
#   rtt      ping src→dst, 200 probes 5 ms apart, median round trip in microseconds
# Rounds alternate the modes so drift on a shared machine hits both; medians are printed.
#
# Usage (root, after 'mvn -B install -DskipTests'): benchmarks/system/forwarding.sh [ROUNDS] [DURATION]
# Needs: iproute2, ethtool, netsniff-ng (trafgen), iperf3, iputils-ping.
set -euo pipefail
ROUNDS=${1:-3}
DURATION=${2:-5}
HOME_DIR=$(cd "$(dirname "$0")/../.." && pwd)
ID=fwb$$
SRC=$ID-src R=$ID-r DST=$ID-dst
WORK=$(mktemp -d /tmp/outpost-fwbench.XXXXXX)
DAEMON_PID=""

for tool in trafgen iperf3 ping ethtool ip; do
  command -v $tool >/dev/null || { echo "forwarding.sh: $tool is missing (apt-get install netsniff-ng iperf3 iputils-ping ethtool iproute2)" >&2; exit 69; }
done
[ -x "$HOME_DIR/bin/outpostd" ] || { echo "forwarding.sh: bin/outpostd missing" >&2; exit 69; }

cleanup() {
  stop_outpost
  for ns in $SRC $R $DST; do ip netns del $ns 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

topology() {
  for ns in $SRC $R $DST; do ip netns add $ns; ip -n $ns link set lo up; done
  ip link add eth0 netns $R type veth peer name eth0 netns $SRC
  ip link add eth1 netns $R type veth peer name eth0 netns $DST
  ip -n $SRC addr add 10.1.0.2/24 dev eth0; ip -n $SRC link set eth0 up
  ip -n $DST addr add 10.2.0.2/24 dev eth0; ip -n $DST link set eth0 up
  ip -n $SRC route add default via 10.1.0.1
  ip -n $DST route add default via 10.2.0.1
  for ns in $SRC $DST; do nsx $ns ethtool -K eth0 tx off >/dev/null; done  # see ForwardingLabTest
  ip -n $R link set eth0 up; ip -n $R link set eth1 up
}

start_kernel() {
  ip -n $R addr add 10.1.0.1/24 dev eth0
  ip -n $R addr add 10.2.0.1/24 dev eth1
  nsx $R sysctl -qw net.ipv4.ip_forward=1
}

stop_kernel() {
  nsx $R sysctl -qw net.ipv4.ip_forward=0
  ip -n $R addr flush dev eth0; ip -n $R addr flush dev eth1
}

start_outpost() {
  local rx_mode=${1:-interrupt}
  rm -rf "$WORK/state"
  mkdir -p "$WORK/state/config"
  cat > "$WORK/state/config/startup.json" <<JSON
{
  "outpost-interfaces:interfaces": {"interface": [
    {"name": "eth0", "ipv4": {"address": [{"ip": "10.1.0.1/24"}]}},
    {"name": "eth1", "ipv4": {"address": [{"ip": "10.2.0.1/24"}]}}]},
  "outpost-dataplane:dataplane": {"port": ["eth0", "eth1"], "rx-mode": "$rx_mode"}
}
JSON
  ip netns exec $R "$HOME_DIR/bin/outpostd" --state-dir "$WORK/state" > "$WORK/outpostd.log" 2>&1 &
  DAEMON_PID=$!
  for _ in $(seq 1 120); do
    grep -q "outpostd ready" "$WORK/outpostd.log" && return 0
    sleep 0.5
  done
  echo "forwarding.sh: outpostd did not start; its log:" >&2; cat "$WORK/outpostd.log" >&2; exit 1
}

start_polling() { start_outpost polling; }
stop_polling() { stop_outpost; }

stop_outpost() {
  if [ -n "$DAEMON_PID" ]; then
    kill -TERM "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
    DAEMON_PID=""
  fi
}

rx_packets() { nsx $DST cat /sys/class/net/eth0/statistics/rx_packets; }
tx_packets() { nsx $SRC cat /sys/class/net/eth0/statistics/tx_packets; }

measure_pps() {
  local mac
  mac=$(nsx $R cat /sys/class/net/eth0/address)
  nsx $SRC ping -c 3 -i 0.2 -W 1 10.2.0.2 >/dev/null  # resolve neighbors on both sides first
  cat > "$WORK/udp.cfg" <<CFG
{ eth(da=$mac, type=0x0800), ipv4(sa=10.1.0.2, da=10.2.0.2, ttl=64), udp(sp=dinc(1024, 1279), dp=9), fill(0x00, 18) }
CFG
  local before after sent_before sent_after
  before=$(rx_packets)
  sent_before=$(tx_packets)
  nsx $SRC timeout $((DURATION + 5)) trafgen --dev eth0 --conf "$WORK/udp.cfg" --cpus 1 --num 100000000 \
    >/dev/null 2>&1 &
  local tg=$!
  sleep "$DURATION"
  after=$(rx_packets)
  sent_after=$(tx_packets)
  kill -INT $tg 2>/dev/null || true
  wait $tg 2>/dev/null || true
  echo "  offered $(( (sent_after - sent_before) / DURATION )) pps" >&2
  echo $(( (after - before) / DURATION ))
}

measure_tcp() {
  nsx $DST iperf3 -s -1 -p 5301 >/dev/null 2>&1 &
  local server=$!
  sleep 0.5
  nsx $SRC iperf3 -c 10.2.0.2 -p 5301 -t "$DURATION" -J > "$WORK/iperf.json"
  wait $server 2>/dev/null || true
  python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"]/1e9))' "$WORK/iperf.json"
}

measure_rtt() {
  nsx $SRC ping -c 200 -i 0.005 -W 1 10.2.0.2 | sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | sort -n \
    | awk '{a[NR]=$1} END {printf "%d\n", a[int((NR+1)/2)]*1000}'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

topology
declare -A results
for round in $(seq 1 "$ROUNDS"); do
  for mode in kernel outpost polling; do
    start_$mode
    pps=$(measure_pps); tcp=$(measure_tcp); rtt=$(measure_rtt)
    stop_$mode
    echo "round $round $mode: pps=$pps tcp_gbps=$tcp rtt_us=$rtt" >&2
    results[$mode.pps]+="$pps "; results[$mode.tcp]+="$tcp "; results[$mode.rtt]+="$rtt "
  done
done
echo
printf "%-26s %12s %12s %12s %10s %10s\n" "median of $ROUNDS rounds" kernel outpost polling \
  "outpost/k" "polling/k"
for m in pps tcp rtt; do
  k=$(echo ${results[kernel.$m]} | tr ' ' '\n' | median)
  o=$(echo ${results[outpost.$m]} | tr ' ' '\n' | median)
  p=$(echo ${results[polling.$m]} | tr ' ' '\n' | median)
  label=$(case $m in pps) echo "64B UDP forwarded, pps";; tcp) echo "TCP one stream, Gbit/s";; rtt) echo "ping RTT median, us";; esac)
  printf "%-26s %12s %12s %12s %10s %10s\n" "$label" "$k" "$o" "$p" \
    "$(python3 -c "print('%.2f' % ($o/$k))")" "$(python3 -c "print('%.2f' % ($p/$k))")"
done
