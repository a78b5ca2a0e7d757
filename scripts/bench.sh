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
run_bench_class io.dpnet.bench.Benchmark --doc docs/BENCHMARKS.md --command "scripts/bench.sh $*" "${args[@]}"
