#!/usr/bin/env bash
# What scripts/cluster.sh and scripts/netcluster.sh share: a SPARK_HOME laid out from the project's own dependency
# jars, and Spark daemons started with the cluster's secret. Sourced after common.sh, with CLUSTER_DIR set.

SPARK_HOME_DIR="$CLUSTER_DIR/spark-home"

# Lays out a SPARK_HOME whose jars/ holds Spark and its dependencies: executor launch builds its class path from it.
# Also clears the last run's logs, which wait_for_workers reads.
layout_spark_home() {
  ensure_built
  rm -f "$CLUSTER_DIR"/*.log
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

# A secret for spark.authenticate (CLUSTER_DIR/secret) and the properties file that carries it to the daemons and to
# submit.sh (CLUSTER_DIR/spark-defaults.conf): never a command line, which every user can read (ps). Both files are
# created mode 600 (umask 077) before anything is written to them; rm first, since writing into an existing file keeps
# its mode. printf is a shell builtin: no process gets the secret as an argument.
make_secret() {
  rm -f "$CLUSTER_DIR/secret" "$CLUSTER_DIR/spark-defaults.conf"
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$CLUSTER_DIR/secret" &&
    printf 'spark.authenticate true\nspark.authenticate.secret %s\n' "$(cat "$CLUSTER_DIR/secret")" \
      > "$CLUSTER_DIR/spark-defaults.conf")
}

# Starts a Master or Worker: name, class, args...; $DAEMON_PREFIX (e.g. ip netns exec NS) runs it elsewhere. The
# secret comes from the properties file, which both daemons read (--properties-file); spark.authenticate.secret.file
# would not do: Spark 4.1 honours it in Kubernetes mode only. Workers hand the secret to the executors they launch in
# their environment (_SPARK_AUTH_SECRET), not on the command line, which Spark filters it out of.
daemon() {
  local name=$1 class=$2
  shift 2
  # shellcheck disable=SC2086
  SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 nohup ${DAEMON_PREFIX:-} java -Xmx512m "${SPARK_JAVA_OPTS[@]}" \
    ${SPARK_MASTER_OPTS:-} -Dlog4j.configurationFile="$SPARK_HOME_DIR/conf/log4j2.properties" \
    -cp "$SPARK_HOME_DIR/jars/*" "$class" --properties-file "$CLUSTER_DIR/spark-defaults.conf" "$@" \
    > "$CLUSTER_DIR/$name.log" 2>&1 &
  echo $! > "$CLUSTER_DIR/$name.pid"
}

# Waits until $1 workers have registered with the master; 0 if they did.
wait_for_workers() {
  local registered
  for _ in $(seq 60); do
    registered=$(cat "$CLUSTER_DIR"/worker-*.log 2>/dev/null | grep -c "Successfully registered with master" || true)
    [[ $registered -ge $1 ]] && return 0
    sleep 1
  done
  return 1
}

stop_daemons() {
  for f in "$CLUSTER_DIR"/*.pid; do
    [[ -f $f ]] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
}
