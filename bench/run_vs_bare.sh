#!/usr/bin/env bash
# Issue 4's speed check: `jitscope-cli bench` against a bare C++ module.forward loop (bench/bare_forward)
# on the same model and input shapes, run alternately ROUNDS times in one session, and against Python's
# torch.utils.benchmark.Timer. Prints per-call medians (ms), JitScope/bare ratio and overhead (µs).
#   bench/run_vs_bare.sh BUILD_DIR FIXTURE_DIR      (FIXTURE_DIR made with make_fixtures.py --large
#   for the transformer; ROUNDS=5 THREADS=1 in the environment)
set -euo pipefail
BUILD=${1:?usage: run_vs_bare.sh BUILD_DIR FIXTURE_DIR}
FIX=${2:?usage: run_vs_bare.sh BUILD_DIR FIXTURE_DIR}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-1}
CLI=$BUILD/app/cli/jitscope-cli
BARE=$BUILD/bench/bare_forward
HERE=$(cd "$(dirname "$0")" && pwd)
export OPENBLAS_NUM_THREADS=1 # LibTorch's own threads only: oversubscription doubles medians

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }

# name  warmup  iters  shapes…
CASES=("tiny_linear 200 20000 1x3"
       "resnet18_scripted 5 40 1x3x64x64"
       "transformer_scripted 5 40 10x2x256 7x2x256")

printf '%-22s %12s %12s %8s %11s %12s %12s %10s\n' model "bare(ms)" "jitscope(ms)" ratio "diff(us)" \
    "py/call(ms)" "py/auto(ms)" "py/jitscope"
for case in "${CASES[@]}"; do
    read -r name warmup iters shapes <<<"$case"
    read -r -a shape_list <<<"$shapes"
    file=$FIX/$name.pt
    [[ -f $file ]] || { echo "skip $name (no $file)"; continue; }
    specs=()
    for s in "${shape_list[@]}"; do specs+=(--input "randn:$s"); done
    : >/tmp/jitscope-bare.ms
    : >/tmp/jitscope-js.ms
    for ((i = 0; i < ROUNDS; ++i)); do
        "$BARE" "$file" "$warmup" "$iters" "$THREADS" "${shape_list[@]}" | field median_ms >>/tmp/jitscope-bare.ms
        "$CLI" bench "$file" "${specs[@]}" --warmup "$warmup" --iters "$iters" --threads "$THREADS" --json |
            field median_ms >>/tmp/jitscope-js.ms
    done
    bare=$(median </tmp/jitscope-bare.ms)
    js=$(median </tmp/jitscope-js.ms)
    py=$(/usr/bin/python3 "$HERE/python_timer.py" "$file" "$warmup" "$iters" "$THREADS" "${shape_list[@]}")
    pycall=$(field median_ms <<<"$py")
    pyauto=$(field autorange_median_ms <<<"$py")
    awk -v n="$name" -v b="$bare" -v j="$js" -v pc="$pycall" -v pa="$pyauto" 'BEGIN {
        printf "%-22s %12.5f %12.5f %8.4f %11.2f %12.5f %12.5f %10.3f\n", n, b, j, j / b, (j - b) * 1000, pc, pa, pc / j }'
done
echo "per round (bare, jitscope) medians are in /tmp/jitscope-bare.ms and /tmp/jitscope-js.ms for the last model"
