#!/usr/bin/env bash
# Training cost against data size: generates augmented MNIST sets of 60,000, 600,000 and 1,200,000 samples (kept in
# target/scale, reused by later runs), trains conf/mnist-mlp.conf on each from its shards, and reports epoch time, time
# per sample, cached bytes per sample and peak JVM heap.
#   scripts/bench-scale.sh [--data DIR] [--sizes N,N,...] [--epochs E] [--storage-level LEVEL] [--work DIR]
#                          [--stream-window N]
# DIR defaults to ../shared/data/mnist. --stream-window streams the sets from their files (train --stream) instead of
# caching them. Refreshes the scale (or, streamed, the stream) table in docs/BENCHMARKS.md. JAVA_OPTS sets the heap
# (default -Xmx8g).
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"
cd "$ROOT"
args=("$@")
if [[ " $* " != *" --data "* ]]; then
  [[ -d ../shared/data/mnist ]] || { echo "bench-scale.sh: give --data DIR (a folder with the MNIST IDX files)" >&2; exit 2; }
  args+=(--data ../shared/data/mnist)
fi
run_bench_class io.dpnet.bench.ScaleBenchmark --doc docs/BENCHMARKS.md --command "scripts/bench-scale.sh $*" "${args[@]}"
