#!/usr/bin/env bash
# A Spark standalone cluster on this machine whose Workers and driver sit behind real, rate-limited network links:
#   scripts/netcluster.sh start N [--rate RATE]   a Master on the bridge dpnbr0 (10.213.0.1) and N Workers (1 core,
#                                                 1.5 GiB each), each in a network namespace of its own (dpn-wI,
#                                                 10.213.0.(10+I)) behind a veth link shaped to RATE (default 1gbit)
#                                                 both ways by tc tbf; prints the master URL as its last line
#   scripts/netcluster.sh submit ARGS...          scripts/submit.sh --master URL ARGS... with the driver in a
#                                                 namespace of its own (dpn-driver, 10.213.0.2) behind the same rate
#   scripts/netcluster.sh stop                    stops the daemons, removes the namespaces, links and bridge
# Needs root (ip netns, tc). Addresses only in 10.213.0.0/24, which these namespaces own. spark.authenticate is on,
# with a secret generated at start (target/netcluster/secret, mode 600) that the daemons and the driver read from a
# properties file of the same mode (target/netcluster/spark-defaults.conf), not from their command lines.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"

CLUSTER_DIR="$ROOT/target/netcluster"
source "$ROOT/scripts/cluster-lib.sh"
BRIDGE=dpnbr0
NET=10.213.0
MASTER_URL="spark://$NET.1:7077"

# A namespace $1 at address $2 on the bridge, through the veth pair $3 (root side) / eth0, shaped to $4 both ways.
add_node() {
  local ns=$1 ip=$2 veth=$3 rate=$4
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
  # Token bucket both ways: a burst of 256 KiB (2 ms at 1 Gbit/s), packets queued for up to 20 ms.
  tc qdisc add dev "$veth" root tbf rate "$rate" burst 256kb latency 20ms
  tc -n "$ns" qdisc add dev eth0 root tbf rate "$rate" burst 256kb latency 20ms
}

# Processes still inside a namespace (executors the workers started) keep it and its link alive: end them first.
stop_all() {
  stop_daemons
  local namespaces pids
  namespaces=$(ip netns list | awk '/^dpn-/ {print $1}')
  for signal in TERM KILL; do
    pids=$(for ns in $namespaces; do ip netns pids "$ns" 2>/dev/null; done)
    [[ -z $pids ]] && break
    kill -s "$signal" $pids 2>/dev/null || true
    for _ in $(seq 20); do
      kill -0 $pids 2>/dev/null || break
      sleep 0.5
    done
  done
  for ns in $namespaces; do
    ip netns delete "$ns" || true
  done
  for link in $(ip -br link | awk '{sub(/@.*/, "", $1)} $1 ~ /^(dpnbr0|dpnd|dpnw[0-9]+)$/ {print $1}'); do
    ip link delete "$link" 2>/dev/null || true
  done
  return 0
}

case "${1:-}" in
  start)
    workers="${2:-}"
    [[ $workers =~ ^[1-9][0-9]?$ ]] || { echo "netcluster.sh: N must be 1 to 99, got '$workers'" >&2; exit 2; }
    rate=1gbit
    if [[ "${3:-}" == --rate ]]; then
      rate="${4:-}"
      [[ $rate =~ ^[0-9]+([kmg]bit)$ ]] || { echo "netcluster.sh: --rate like 1gbit or 100mbit, got '$rate'" >&2; exit 2; }
    fi
    [[ $(id -u) == 0 ]] || { echo "netcluster.sh: needs root (ip netns, tc)" >&2; exit 2; }
    if ip link show "$BRIDGE" >/dev/null 2>&1 || ip netns list | grep -q '^dpn-'; then
      echo "netcluster.sh: one is running: stop it first (scripts/netcluster.sh stop)" >&2; exit 2
    fi
    trap 'echo "netcluster.sh: start failed; removing what it made" >&2; stop_all' ERR
    mkdir -p "$CLUSTER_DIR"
    layout_spark_home
    make_secret
    echo "$rate" > "$CLUSTER_DIR/rate"
    ip link add "$BRIDGE" type bridge
    ip addr add "$NET.1/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
    SPARK_LOCAL_IP="$NET.1" SPARK_MASTER_OPTS="-Dspark.master.rest.enabled=false" \
      daemon master org.apache.spark.deploy.master.Master --host "$NET.1" --port 7077 --webui-port 8090
    for ((i = 1; i <= workers; i++)); do
      add_node "dpn-w$i" "$NET.$((10 + i))" "dpnw$i" "$rate"
      SPARK_LOCAL_IP="$NET.$((10 + i))" DAEMON_PREFIX="ip netns exec dpn-w$i" \
        daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host "$NET.$((10 + i))" --cores 1 \
        --memory 1536m --webui-port 8081 --work-dir "$CLUSTER_DIR/work-$i" "$MASTER_URL"
    done
    add_node dpn-driver "$NET.2" dpnd "$rate"
    if ! wait_for_workers "$workers"; then
      echo "netcluster.sh: workers did not register within 60 s; see $CLUSTER_DIR/*.log" >&2
      stop_all
      exit 1
    fi
    echo "netcluster up: $workers workers behind $rate links (logs in $CLUSTER_DIR)"
    echo "$MASTER_URL"
    ;;
  submit)
    shift
    [[ -f "$CLUSTER_DIR/spark-defaults.conf" ]] || { echo "netcluster.sh: not started" >&2; exit 2; }
    [[ $(id -u) == 0 ]] || { echo "netcluster.sh: needs root (ip netns)" >&2; exit 2; }
    ensure_built  # here, not in the namespace, which has no way out
    exec ip netns exec dpn-driver env SPARK_LOCAL_IP="$NET.2" "$ROOT/scripts/submit.sh" --master "$MASTER_URL" \
      --properties-file "$CLUSTER_DIR/spark-defaults.conf" "$@"
    ;;
  stop)
    stop_all
    echo "netcluster stopped"
    ;;
  *)
    echo "usage: scripts/netcluster.sh start N [--rate RATE] | submit ARGS... | stop" >&2
    exit 2
    ;;
esac
