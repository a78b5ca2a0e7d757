#!/usr/bin/env bash
# Test: the local cluster's secret (target/cluster/secret) is on no command line and in no log.
#   scripts/secret-leak-test.sh [COMMAND [dpnet options]]   (default: train --epochs 1)
# Uses the running cluster (scripts/cluster.sh start), or starts one with 2 workers and stops it at the end. Submits
# COMMAND through scripts/submit.sh while sampling every process's command line (the Master, the Workers, the driver
# and the executors the Workers launch, which live only as long as the application), then searches every file under
# target/cluster and the driver's output. Exit 0 when the secret was nowhere, 1 when it leaked or the submission failed.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"

CLUSTER_DIR="$ROOT/target/cluster"
SECRET="$CLUSTER_DIR/secret"
[[ $# -gt 0 ]] || set -- train --epochs 1

started=
if ! "$ROOT/scripts/cluster.sh" status >/dev/null 2>&1; then
  "$ROOT/scripts/cluster.sh" start 2
  started=1
fi
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if [[ -n $started ]]; then "$ROOT/scripts/cluster.sh" stop >/dev/null; fi
}
trap cleanup EXIT

failures=0
failed() {
  echo "secret-leak-test: FAILED: $*" >&2
  failures=$((failures + 1))
}

# Only the owner may read the files that hold the secret.
for f in "$SECRET" "$CLUSTER_DIR/spark-defaults.conf"; do
  mode=$(stat -c %a "$f")
  [[ $mode == 600 ]] || failed "$f has mode $mode, not 600"
done

# The secret is searched for with grep -f FILE: as an argument it would itself be on a command line.
# Samples all command lines (as ps shows them to any user) until $work/running is gone.
sample_command_lines() {
  while [[ -e $work/running ]]; do
    ps -e -ww -o pid=,args= > "$work/ps"
    grep -F -f "$SECRET" "$work/ps" >> "$work/leaks" || true
    grep -o -E 'deploy\.master\.Master|deploy\.worker\.Worker|deploy\.SparkSubmit|CoarseGrainedExecutorBackend' \
      "$work/ps" >> "$work/seen" || true
    sleep 0.2
  done
}
: > "$work/leaks"
: > "$work/seen"
touch "$work/running"
sample_command_lines &
sampler=$!
set +e
"$ROOT/scripts/submit.sh" --master spark://127.0.0.1:7077 "$@" 2>&1 | tee "$work/driver.out"
status=${PIPESTATUS[0]}
set -e
rm -f "$work/running"
wait "$sampler" || true  # a sampler that died early shows below as processes never seen

[[ $status == 0 ]] || failed "scripts/submit.sh $* ended with exit status $status"
if [[ -s $work/leaks ]]; then
  # The PIDs only: printing the lines would print the secret.
  failed "the secret is on the command line of process(es) $(awk '{print $1}' "$work/leaks" | sort -un | tr '\n' ' ')"
fi
# A check that saw no executor checked nothing that matters: each kind of process must have been sampled.
for class in deploy.master.Master deploy.worker.Worker deploy.SparkSubmit CoarseGrainedExecutorBackend; do
  grep -q -F "$class" "$work/seen" || failed "never saw a running $class to check"
done

# Logs: everything under the cluster directory but the two files that are meant to hold the secret (grep -r does not
# follow spark-home's links to the jars), and what the driver printed.
leaked=$(grep -r -l -F -f "$SECRET" --exclude=secret --exclude=spark-defaults.conf "$CLUSTER_DIR" "$work/driver.out" \
  || true)
[[ -z $leaked ]] || failed "the secret is in: $(echo "$leaked" | tr '\n' ' ')"

if [[ $failures -gt 0 ]]; then exit 1; fi
echo "secret-leak-test: passed: the secret was on no command line of $(sort -u "$work/seen" | tr '\n' ' ')and in no log"
