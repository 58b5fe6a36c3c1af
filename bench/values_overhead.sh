#!/usr/bin/env bash
# Issue 11's cost check: `jitscope-cli run --values` (every value of the inlined graph recorded, with
# statistics and histograms) against a plain call (the median of `jitscope-cli bench` after warm-up).
# Prints both medians (ms) and their ratio per model.
#   bench/values_overhead.sh BUILD_DIR FIXTURE_DIR      (ROUNDS=5 in the environment)
set -euo pipefail
BUILD=${1:?usage: values_overhead.sh BUILD_DIR FIXTURE_DIR}
FIX=${2:?usage: values_overhead.sh BUILD_DIR FIXTURE_DIR}
ROUNDS=${ROUNDS:-5}
CLI=$BUILD/app/cli/jitscope-cli
export OPENBLAS_NUM_THREADS=1

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }

# name  file  input options
CASES=("resnet18@224 resnet18_scripted.pt --input randn:1x3x224x224"
       "resnet18@64 resnet18_scripted.pt --inputs-file $FIX/resnet18_scripted.inputs.pt"
       "fasterrcnn fasterrcnn_scripted.pt --inputs-file $FIX/fasterrcnn_scripted.inputs.pt"
       "resnet50@224 resnet50_traced.pt --input randn:1x3x224x224")

printf '%-16s %12s %12s %8s %8s\n' model "plain(ms)" "values(ms)" ratio values
for case in "${CASES[@]}"; do
    read -r name file args <<<"$case"
    [[ -f $FIX/$file ]] || { echo "skip $name (no $FIX/$file)"; continue; }
    read -r -a opts <<<"$args"
    plain=$("$CLI" bench "$FIX/$file" "${opts[@]}" --warmup 5 --iters 10 --json | field median_ms)
    : >/tmp/jitscope-values.ms
    count=0
    for ((i = 0; i < ROUNDS; ++i)); do
        out=$("$CLI" run "$FIX/$file" "${opts[@]}" --values --json)
        echo "$out" | field ms >>/tmp/jitscope-values.ms
        count=$(echo "$out" | /usr/bin/python3 -c "import json,sys; print(len(json.load(sys.stdin)['values']))")
    done
    values=$(median </tmp/jitscope-values.ms)
    printf '%-16s %12.2f %12.2f %8.2f %8d\n' "$name" "$plain" "$values" \
        "$(echo "$values / $plain" | bc -l)" "$count"
done
