#!/usr/bin/env bash
# The exchange on an emulated network (issue 17). For each partition count P: a netcluster of P Workers behind links
# of RATE (scripts/netcluster.sh), and for each recipe two runs on the bundled digits, of 1 epoch and of 2. What the
# second epoch adds, per step, is printed as one tab-separated line:
#   recipe  P  parameters  model_MB  step_ms  math_ms  exchange_ms  exchange/(model/rate)
#   driver_out_MB  driver_in_MB  busiest_worker_out_MB  busiest_worker_in_MB  busiest/model
# from the metrics (step and math of epoch 2) and the veth counters (bytes each way through the driver's link and the
# busiest Worker's; the epoch's own start and end, its evaluation and the tasks' state going back, spread over its
# steps). Needs root.
#   scripts/netbench.sh [--rate 1gbit] [--partitions "2 4 8 16"] [--batch-size 256] [--checkout DIR] [--encrypt] \
#                       [-- TRAIN-OPTIONS...] CONF...
# --encrypt turns Spark's network encryption on (spark.network.crypto.enabled), and with it the exchange's.
# --checkout runs another checkout's build (its scripts/submit.sh) on the same cluster, e.g. the star exchange of the
# commit before the ring: git worktree add /tmp/star 0874318~1 && scripts/netbench.sh --checkout /tmp/star ...
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"

rate=1gbit
partition_counts="2 4 8 16"
batch=256
checkout="$ROOT"
spark_options=()
train_options=()
confs=()
while (($#)); do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --partitions) partition_counts="$2"; shift 2 ;;
    --batch-size) batch="$2"; shift 2 ;;
    --checkout) checkout="$(cd "$2" && pwd)"; shift 2 ;;
    --encrypt) spark_options+=(--conf spark.network.crypto.enabled=true); shift ;;
    --) shift; while (($#)) && [[ $1 == -* ]]; do train_options+=("$1" "$2"); shift 2; done ;;
    -*) echo "netbench.sh: unknown option $1" >&2; exit 2 ;;
    *) confs+=("$(readlink -f "$1")"); shift ;;
  esac
done
((${#confs[@]})) || { echo "usage: scripts/netbench.sh [--rate R] [--partitions \"2 4\"] [--checkout DIR] CONF..." >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "netbench.sh: needs root (scripts/netcluster.sh)" >&2; exit 2; }
rate_bits=$(numfmt --from=si "$(tr a-z A-Z <<< "${rate%bit}")")

OUT="$ROOT/target/netbench"
mkdir -p "$OUT"
(cd "$checkout" && ensure_built)
ensure_built

# Bytes each way through the host side of veth $1: what its namespace sent (rx here), then what it received (tx).
link_bytes() {
  echo "$(cat "/sys/class/net/$1/statistics/rx_bytes") $(cat "/sys/class/net/$1/statistics/tx_bytes")"
}

# One training run of $2 epochs of recipe $1 on P partitions; leaves the metrics in $OUT/run.json and the bytes each
# link moved, "link out in" per line, in $OUT/bytes-$2.
run() {
  local conf=$1 epochs=$2 p=$3 link
  declare -A before
  for link in dpnd $(seq -f 'dpnw%g' 1 "$p"); do before[$link]=$(link_bytes "$link"); done
  ip netns exec dpn-driver env SPARK_LOCAL_IP=10.213.0.2 "$checkout/scripts/submit.sh" \
    --master spark://10.213.0.1:7077 --properties-file "$ROOT/target/netcluster/spark-defaults.conf" \
    --executor-memory 900m "${spark_options[@]}" train --config "$conf" --epochs "$epochs" --batch-size "$batch" --partitions "$p" \
    --metrics-out "$OUT/run.json" "${train_options[@]}" > "$OUT/run-$epochs.log" 2>&1
  for link in dpnd $(seq -f 'dpnw%g' 1 "$p"); do
    read -r out0 in0 <<< "${before[$link]}"
    read -r out1 in1 <<< "$(link_bytes "$link")"
    echo "$link $((out1 - out0)) $((in1 - in0))"
  done > "$OUT/bytes-$epochs"
}

for p in $partition_counts; do
  "$ROOT/scripts/netcluster.sh" start "$p" --rate "$rate" > "$OUT/cluster.log" 2>&1
  trap '"$ROOT/scripts/netcluster.sh" stop > /dev/null 2>&1' EXIT
  for conf in "${confs[@]}"; do
    params=$("$ROOT/scripts/dpnet" summary --config "$conf" 2>/dev/null | awk '/^total/ {gsub(",", "", $2); print $2}')
    run "$conf" 1 "$p"
    run "$conf" 2 "$p"
    samples=$(jq '.train_samples' "$OUT/run.json")
    step_ms=$(jq '.history[1].step_ms' "$OUT/run.json")
    math_ms=$(jq '.history[1].compute_ms' "$OUT/run.json")
    # Per step of the second epoch: what the 2-epoch run moved beyond the 1-epoch run, over its steps.
    join "$OUT/bytes-1" "$OUT/bytes-2" | awk -v conf="$(basename "$conf" .conf)" -v p="$p" -v params="$params" \
      -v samples="$samples" -v batch="$batch" -v step="$step_ms" -v math="$math_ms" -v bits="$rate_bits" '
      {
        steps = int((samples + batch - 1) / batch)
        out = ($4 - $2) / steps / 1e6; inn = ($5 - $3) / steps / 1e6
        if ($1 == "dpnd") { dout = out; din = inn }
        else { if (out > wout) wout = out; if (inn > win) win = inn }
      }
      END {
        model = params * 4 / 1e6; wire_ms = model * 8e6 / bits * 1e3
        busiest = dout; if (din > busiest) busiest = din; if (wout > busiest) busiest = wout; if (win > busiest) busiest = win
        printf "%s\t%d\t%d\t%.2f\t%.1f\t%.1f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", conf, p, params, model, step,
          math, step - math, (step - math) / wire_ms, dout, din, wout, win, busiest / model
      }' | tee -a "$OUT/results.tsv"
  done
  "$ROOT/scripts/netcluster.sh" stop > /dev/null 2>&1
  trap - EXIT
done
