#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the project's own dependency jars (no Spark download):
#   scripts/cluster.sh start [WORKERS]   a Master on 127.0.0.1:7077 and WORKERS Workers (default 2), 1 core and
#                                        1.5 GiB each; web UIs on 127.0.0.1 only
#   scripts/cluster.sh stop | status
# Then: scripts/submit.sh --master spark://127.0.0.1:7077 train ...
# spark.authenticate is on, with a secret generated at start (target/cluster/secret, mode 600): nothing else on the
# machine can join the cluster or submit to it. The daemons, and submit.sh when the master is this cluster's, read it
# from a properties file of the same mode (target/cluster/spark-defaults.conf), never from a command line, which every
# user can see (scripts/secret-leak-test.sh checks).
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"

CLUSTER_DIR="$ROOT/target/cluster"
source "$ROOT/scripts/cluster-lib.sh"
MASTER_URL="spark://127.0.0.1:7077"
WORKER_CORES="${WORKER_CORES:-1}"
WORKER_MEMORY="${WORKER_MEMORY:-1536m}"

running() {
  local pid
  for f in "$CLUSTER_DIR"/*.pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$f" .pid) running (pid $pid)"
    fi
  done
}

case "${1:-}" in
  start)
    workers="${2:-2}"
    [[ $workers =~ ^[1-9][0-9]*$ ]] || { echo "cluster.sh: WORKERS must be a positive number, got '$workers'" >&2; exit 2; }
    if [[ -n "$(running)" ]]; then
      echo "cluster.sh: already running:" >&2; running >&2; exit 2
    fi
    mkdir -p "$CLUSTER_DIR"
    layout_spark_home
    make_secret
    export SPARK_LOCAL_IP=127.0.0.1
    # The REST submission server cannot authenticate, so it is off; submissions go through the RPC port.
    SPARK_MASTER_OPTS="-Dspark.master.rest.enabled=false" \
      daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080
    for ((i = 1; i <= workers; i++)); do
      daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$WORKER_CORES" \
        --memory "$WORKER_MEMORY" --webui-port $((8080 + i)) --work-dir "$CLUSTER_DIR/work-$i" "$MASTER_URL"
    done
    if wait_for_workers "$workers"; then
      echo "cluster up: $MASTER_URL with $workers workers (logs in $CLUSTER_DIR)"
      exit 0
    fi
    echo "cluster.sh: workers did not register within 60 s; see $CLUSTER_DIR/*.log" >&2
    "$0" stop >/dev/null
    exit 1
    ;;
  stop)
    stop_daemons
    echo "cluster stopped"
    ;;
  status)
    out=$(running)
    if [[ -n $out ]]; then echo "$out"; else echo "cluster not running"; exit 3; fi
    ;;
  *)
    echo "usage: scripts/cluster.sh start [WORKERS] | stop | status" >&2
    exit 2
    ;;
esac
