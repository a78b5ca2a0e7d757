#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the project's own dependency jars (no Spark download):
#   scripts/cluster.sh start [WORKERS]   a Master on 127.0.0.1:7077 and WORKERS Workers (default 2), 1 core and
#                                        1.5 GiB each; web UIs on 127.0.0.1 only
#   scripts/cluster.sh stop | status
# Then: scripts/submit.sh --master spark://127.0.0.1:7077 train ...
# spark.authenticate is on, with a secret generated at start (target/cluster/secret, mode 600): nothing else on the
# machine can join the cluster or submit to it. submit.sh passes the secret when the master is this cluster's.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"

CLUSTER_DIR="$ROOT/target/cluster"
SPARK_HOME_DIR="$ROOT/target/cluster/spark-home"
MASTER_URL="spark://127.0.0.1:7077"
WORKER_CORES="${WORKER_CORES:-1}"
WORKER_MEMORY="${WORKER_MEMORY:-1536m}"

# Lays out a SPARK_HOME whose jars/ holds Spark and its dependencies: executor launch builds its class path from it.
layout_spark_home() {
  ensure_built
  rm -rf "$SPARK_HOME_DIR"
  mkdir -p "$SPARK_HOME_DIR/jars" "$SPARK_HOME_DIR/conf"
  # Not the bundled OpenBLAS's jars: executors must find it in the application jar, as on a real cluster.
  tr ':' '\n' < "$CLASSPATH_FILE" | grep -v '/org/bytedeco/' | while read -r jar; do
    [[ -n "$jar" ]] && ln -sf "$jar" "$SPARK_HOME_DIR/jars/"
  done
  # The daemons log at INFO into their own files: start-up waits on their registration lines.
  sed 's/^rootLogger.level = warn/rootLogger.level = info/' "$ROOT/conf/log4j2.properties" \
    > "$SPARK_HOME_DIR/conf/log4j2.properties"
}

daemon() {  # name, class, args...
  local name=$1 class=$2
  shift 2
  # shellcheck disable=SC2086
  SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 nohup java -Xmx512m "${SPARK_JAVA_OPTS[@]}" ${SPARK_MASTER_OPTS:-} \
    -Dlog4j.configurationFile="$SPARK_HOME_DIR/conf/log4j2.properties" \
    -Dspark.authenticate=true -Dspark.authenticate.secret="$(cat "$CLUSTER_DIR/secret")" \
    -cp "$SPARK_HOME_DIR/jars/*" "$class" "$@" > "$CLUSTER_DIR/$name.log" 2>&1 &
  echo $! > "$CLUSTER_DIR/$name.pid"
}

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
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$CLUSTER_DIR/secret" &&
      printf 'spark.authenticate true\nspark.authenticate.secret %s\n' "$(cat "$CLUSTER_DIR/secret")" \
        > "$CLUSTER_DIR/spark-defaults.conf")
    export SPARK_LOCAL_IP=127.0.0.1
    # The REST submission server cannot authenticate, so it is off; submissions go through the RPC port.
    SPARK_MASTER_OPTS="-Dspark.master.rest.enabled=false" \
      daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080
    for ((i = 1; i <= workers; i++)); do
      daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$WORKER_CORES" \
        --memory "$WORKER_MEMORY" --webui-port $((8080 + i)) --work-dir "$CLUSTER_DIR/work-$i" "$MASTER_URL"
    done
    for _ in $(seq 60); do
      registered=$(cat "$CLUSTER_DIR"/worker-*.log | grep -c "Successfully registered with master" || true)
      [[ $registered -ge $workers ]] && { echo "cluster up: $MASTER_URL with $workers workers (logs in $CLUSTER_DIR)"; exit 0; }
      sleep 1
    done
    echo "cluster.sh: workers did not register within 60 s; see $CLUSTER_DIR/*.log" >&2
    "$0" stop >/dev/null
    exit 1
    ;;
  stop)
    for f in "$CLUSTER_DIR"/*.pid; do
      [[ -f $f ]] || continue
      kill "$(cat "$f")" 2>/dev/null || true
      rm -f "$f"
    done
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
