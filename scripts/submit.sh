#!/usr/bin/env bash
# Submits a dpnet command through spark-submit, exactly as on a cluster:
#   scripts/submit.sh --master URL [spark-submit options] COMMAND [dpnet options]
# e.g. scripts/submit.sh --master spark://host:7077 --executor-memory 4g train --config conf/mnist-mlp.conf
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set, else Spark's SparkSubmit class from this project's
# dependencies. The application jar is thin: Spark is provided by the cluster.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"

spark_args=()
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --verbose|--supervise|--*=*) spark_args+=("$1"); shift ;;
    *) [[ $# -ge 2 ]] || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
       spark_args+=("$1" "$2"); shift 2 ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "usage: scripts/submit.sh --master URL [spark-submit options] train|evaluate|predict [dpnet options]" >&2
  exit 2
fi
ensure_built
# This machine's own cluster (scripts/cluster.sh) authenticates: pass its secret in a file only we can read.
if [[ " ${spark_args[*]} " == *" spark://127.0.0.1:7077 "* || " ${spark_args[*]} " == *"=spark://127.0.0.1:7077 "* ]] \
    && [[ -f "$ROOT/target/cluster/spark-defaults.conf" ]]; then
  spark_args+=(--properties-file "$ROOT/target/cluster/spark-defaults.conf")
fi
submit_args=(--class io.dpnet.cli.Main
  --conf "spark.driver.extraJavaOptions=-Dlog4j.configurationFile=file:$ROOT/conf/log4j2.properties"
  "${spark_args[@]}" "$JAR" "$@")

# One BLAS thread per task: Spark already runs one task per core.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
if [[ -n "${SPARK_HOME:-}" ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}"
fi
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx4g} "${SPARK_JAVA_OPTS[@]}" \
  -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$(cat "$CLASSPATH_FILE")" org.apache.spark.deploy.SparkSubmit "${submit_args[@]}"
