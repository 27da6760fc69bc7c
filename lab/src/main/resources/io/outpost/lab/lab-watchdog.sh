# Outpost lab watchdog (POSIX sh). $1 is the lab's registry file; LabRegistry documents its format.
#
# Standard input is a pipe whose write end only the owning JVM holds. When the JVM has torn the lab down itself it
# writes "release" and this script exits. Any other end of input — EOF above all, which the kernel delivers however
# the JVM died, SIGKILL included — means nobody else will tear the lab down, so this script does.
# It runs in its own session, so signals sent to the JVM's process group or terminal do not reach it.

registry=$1
IFS= read -r line
[ "$line" = release ] && exit 0
[ -f "$registry" ] || exit 0
echo "lab watchdog: owner gone, tearing down what $registry lists"

# Values of one kind of registry line; namespace names and group ids contain no spaces.
entries() {
    while read -r kind value; do
        [ "$kind" = "$1" ] && printf '%s\n' "$value"
    done < "$registry"
}

# Every process living in one of the lab's namespaces, whichever group it is in.
inside() {
    for ns in $(entries netns); do
        ip netns pids "$ns" 2>/dev/null
    done
}

# The JVM died a moment ago, so the recorded groups are still the lab's: there was no time for their ids to be reused.
signal_all() {
    for group in $(entries pgid); do
        kill -s "$1" -- "-$group" 2>/dev/null
    done
    for pid in $(inside); do
        kill -s "$1" "$pid" 2>/dev/null
    done
}

signal_all TERM
tries=0
while [ "$tries" -lt 20 ] && [ -n "$(inside)" ]; do
    sleep 0.1
    tries=$((tries + 1))
done
signal_all KILL

for ns in $(entries netns); do
    ip netns delete "$ns" || echo "lab watchdog: cannot delete namespace $ns"
done
entries workdir | while IFS= read -r dir; do
    case $dir in
        /?*/outpost-lab-*) rm -rf -- "$dir" ;;
    esac
done
rm -f -- "$registry"
