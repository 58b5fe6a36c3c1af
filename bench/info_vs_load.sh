#!/usr/bin/env bash
# Issue 2's speed check: `jitscope-cli info --json FILE` against a bare torch::jit::load of the same file,
# each in a fresh process, run alternately ROUNDS times. Prints median wall seconds, their ratio and the
# peak RSS of each.   bench/info_vs_load.sh BUILD_DIR FILE... [ROUNDS=7 in the environment]
set -euo pipefail
BUILD=${1:?usage: info_vs_load.sh BUILD_DIR FILE...}
shift
ROUNDS=${ROUNDS:-7}
CLI=$BUILD/app/cli/jitscope-cli
BARE=$BUILD/bench/bare_load
TV=$(ls /usr/lib/python3/dist-packages/torchvision/_C*.so 2>/dev/null | head -n1 || true)
export OPENBLAS_NUM_THREADS=1

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-34s %9s %9s %7s %10s %10s\n' file "info(s)" "load(s)" ratio "info RSS" "load RSS"
for file in "$@"; do
    extra=()
    if [[ -n "$TV" ]] && { unzip -p "$file" '*/code/*' 2>/dev/null || true; } | grep -q 'ops.torchvision'; then
        extra=(--load-library "$TV")
    fi
    : >/tmp/jitscope-info.times
    : >/tmp/jitscope-load.times
    for ((i = 0; i < ROUNDS; ++i)); do
        /usr/bin/time -f '%e %M' -a -o /tmp/jitscope-info.times "$CLI" info --json "$file" >/dev/null
        /usr/bin/time -f '%e %M' -a -o /tmp/jitscope-load.times "$BARE" "${extra[@]}" "$file" >/dev/null
    done
    info=$(cut -d' ' -f1 /tmp/jitscope-info.times | median)
    load=$(cut -d' ' -f1 /tmp/jitscope-load.times | median)
    infoRss=$(cut -d' ' -f2 /tmp/jitscope-info.times | sort -g | tail -n1)
    loadRss=$(cut -d' ' -f2 /tmp/jitscope-load.times | sort -g | tail -n1)
    printf '%-34s %9.3f %9.3f %7.2f %8d MB %7d MB\n' "$(basename "$file")" "$info" "$load" \
        "$(echo "$info / $load" | bc -l)" $((infoRss / 1024)) $((loadRss / 1024))
done
