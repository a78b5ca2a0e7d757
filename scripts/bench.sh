#!/usr/bin/env bash
# Benchmark, side by side in one JVM on the same data: dpnet on Spark (conf/mnist-mlp.conf), the local engine
# alone, and MLlib's MultilayerPerceptronClassifier; plus the floors (GEMM rate, trivial Spark job); then the CNN
# recipe (conf/mnist-cnn.conf) through Spark with a per-layer profile.
#   scripts/bench.sh [--data DIR] [--out FILE] [--skip-mllib] [--skip-cnn] [--mllib-budget SECONDS] [--config FILE]
# DIR defaults to ../shared/data/mnist. Refreshes the table in docs/BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"
cd "$ROOT"
args=("$@")
if [[ " $* " != *" --data "* ]]; then
  [[ -d ../shared/data/mnist ]] || { echo "bench.sh: give --data DIR (a folder with the MNIST IDX files)" >&2; exit 2; }
  args+=(--data ../shared/data/mnist)
fi
TEST_CLASSPATH_FILE="$ROOT/target/test-classpath.txt"
mvn -B -q -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$TEST_CLASSPATH_FILE" -Dmdep.includeScope=test >&2
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx8g} "${SPARK_JAVA_OPTS[@]}" \
  -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$TEST_CLASSPATH_FILE")" \
  io.dpnet.bench.Benchmark --doc docs/BENCHMARKS.md --command "scripts/bench.sh $*" "${args[@]}"
