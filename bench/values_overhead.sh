#!/usr/bin/env bash
# Issue 11's cost check (build/bench/values_overhead): recorded calls (`run --values`: every value of the
# inlined graph with statistics and a histogram) against plain calls after warm-up, in one process, medians
# of ROUNDS alternating calls. Prints both medians (ms), their ratio and the number of values per model.
#   bench/values_overhead.sh BUILD_DIR FIXTURE_DIR      (ROUNDS=5 in the environment)
set -euo pipefail
BUILD=${1:?usage: values_overhead.sh BUILD_DIR FIXTURE_DIR}
FIX=${2:?usage: values_overhead.sh BUILD_DIR FIXTURE_DIR}
ROUNDS=${ROUNDS:-5}
export OPENBLAS_NUM_THREADS=1


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
    "$BUILD/bench/values_overhead" "$FIX/$file" "${opts[@]}" --rounds "$ROUNDS" 2>/dev/null |
        /usr/bin/python3 -c "import json,sys; j=json.load(sys.stdin); print('%-16s %12.2f %12.2f %8.2f %8d' % ('$name', j['plain_ms'], j['values_ms'], j['ratio'], j['values']))"
done
