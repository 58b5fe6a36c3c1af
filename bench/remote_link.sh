#!/usr/bin/env bash
# The remote worker's cost (issue #14), measured fairly: the real window (open → first drawn graph) and a
# scripted benchmark (median of 30 calls) with the worker local and over ssh on loopback, interleaved round by
# round (local, ssh, then ssh, local …) so that both see the same machine load; the load average is printed
# with every measurement and summarised. With --bytes, also the bytes a session (open + expand all) moves over
# the link with plain ssh and with `ssh -C` (ssh -v's "Transferred").
#   bench/remote_link.sh [--rounds N] [--bytes] BUILD_DIR FILE...
#   e.g. bench/remote_link.sh --rounds 5 build build/fixtures/resnet18_scripted.pt build/fixtures/fasterrcnn_scripted.pt
# Starts a throwaway sshd on a loopback port (as the tests do); needs openssh-server. OPENBLAS_NUM_THREADS=1 on
# both sides (sshd passes no environment: the remote command sets it).
set -euo pipefail
ROUNDS=5 BYTES=0
while [[ $# -gt 0 && $1 == --* ]]; do
    case $1 in
        --rounds) ROUNDS=$2; shift 2 ;;
        --bytes) BYTES=1; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
BUILD=$(readlink -f "$1"); shift
CLI=$BUILD/app/cli/jitscope-cli
WINDOW_BENCH=$BUILD/bench/window_bench
export OPENBLAS_NUM_THREADS=1 QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
DIR=$(mktemp -d /tmp/jitscope-remote-bench-XXXXXX)
cleanup() { [[ -n "${SSHD_PID:-}" ]] && kill "$SSHD_PID" 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$DIR/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$DIR/user_key"
cp "$DIR/user_key.pub" "$DIR/authorized_keys"
mkdir -p /run/sshd 2>/dev/null || true
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$DIR/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PasswordAuthentication no
CONF
/usr/sbin/sshd -D -f "$DIR/sshd_config" -E "$DIR/sshd.log" & SSHD_PID=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.05; done

# A JITSCOPE_CLI wrapper per transport: the window starts "$JITSCOPE_CLI serve".
SSH="ssh -p $PORT -i $DIR/user_key -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
# sshd (started here) passes this script's niceness on to the worker, as the local one inherits it; but not the
# environment: the OPENBLAS_* variables set here (OPENBLAS_CORETYPE picks the BLAS kernels) go along explicitly.
NICENESS=$(nice)
BLAS_ENV="OPENBLAS_NUM_THREADS=1"
for var in $(env | grep -o '^OPENBLAS_[A-Z_0-9]*' | grep -v '^OPENBLAS_NUM_THREADS$' || true); do
    BLAS_ENV="$BLAS_ENV $var=${!var}"
done
for mode in ssh sshc; do
    flag=""; [[ $mode == sshc ]] && flag="-C"
    printf '#!/bin/sh\nexec %s -v %s -E %s/%s.log 127.0.0.1 env %s %s "$@"\n' "$SSH" "$flag" "$DIR" "$mode" "$BLAS_ENV" "$CLI" > "$DIR/$mode.sh"
    chmod +x "$DIR/$mode.sh"
done
# The local worker in its own session too (setsid), as sshd starts the remote one: with the kernel's scheduler
# autogroups (/proc/sys/kernel/sched_autogroup_enabled) a session is a CPU-share group of its own, so on a busy
# machine a worker sharing the caller's session would get less CPU than the ssh one.
printf '#!/bin/sh\nexec setsid -w env OPENBLAS_NUM_THREADS=1 %s "$@"\n' "$CLI" > "$DIR/local.sh"
chmod +x "$DIR/local.sh"
cli_of() { echo "$DIR/$1.sh"; }
load1() { cut -d' ' -f1 /proc/loadavg; }

transferred() { # bytes received by the window's ssh over the link, summed over sessions
    grep -h 'Transferred: sent' "$DIR/$1.log" | sed 's/.*received \([0-9]*\) bytes.*/\1/' | awk '{s+=$1} END {print s+0}'
}

# In a fresh window whose worker is ready: open → first drawn graph (window_bench's "draw s" column), and the
# worker's start (window shown → hello), seconds: "OPEN START"
window_open() {
    JITSCOPE_CLI=$(cli_of "$1") "$WINDOW_BENCH" --rounds 1 --open-only "$2" 2>/dev/null |
        awk -v f="$(basename "$2")" '$1 == f {open = $3} /worker ready/ {start = $3} END {print open, start}'
}

# open + bench (5 warm-up, 30 calls) through serve: the bench's median call, ms
bench_median() {
    local file=$2 inputs params
    inputs=$(/usr/bin/python3 -c "import json,sys; e=json.load(open(sys.argv[1])); print(e.get('run',{}).get('inputs_file',''))" "${file%.pt}.expect.json" 2>/dev/null || true)
    params="\"handle\": 1, \"warmup\": 5, \"iters\": 30, \"samples\": false"
    [[ -n "$inputs" ]] && params="$params, \"inputs_file\": \"$(dirname "$file")/$inputs\""
    printf '{"id":1,"method":"open","params":{"path":"%s"}}\n{"id":2,"method":"bench","params":{%s}}\n' "$file" "$params" |
        "$(cli_of "$1")" serve 2>/dev/null | /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("id") == 2:
        print("%.2f" % m["result"]["median_ms"] if "result" in m else "error")'
}

median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

echo "BLAS environment of both workers: $BLAS_ENV"
echo "machine: $(nproc) cores; niceness $NICENESS and a session of their own (both workers); sched_autogroup_enabled $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo ?); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for file in "$@"; do
    file=$(readlink -f "$file")
    name=$(basename "$file")
    : > "$DIR/open.local"; : > "$DIR/open.ssh"; : > "$DIR/start.local"; : > "$DIR/start.ssh"; : > "$DIR/bench.local"; : > "$DIR/bench.ssh"; : > "$DIR/loads"
    echo "== $name: $ROUNDS rounds, local and ssh interleaved"
    for ((r = 1; r <= ROUNDS; r++)); do
        order="local ssh"; ((r % 2 == 0)) && order="ssh local"
        for mode in $order; do
            l=$(load1); echo "$l" >> "$DIR/loads"
            read -r open start <<< "$(window_open "$mode" "$file")"
            median=$(bench_median "$mode" "$file")
            echo "$open" >> "$DIR/open.$mode"; echo "$start" >> "$DIR/start.$mode"; echo "$median" >> "$DIR/bench.$mode"
            printf '  round %d %-5s worker start %6s s  open→graph %6s s  bench median %8s ms  (load %s)\n' \
                "$r" "$mode" "$start" "$open" "$median" "$l"
        done
    done
    ol=$(median < "$DIR/open.local"); os=$(median < "$DIR/open.ssh")
    sl=$(median < "$DIR/start.local"); ss=$(median < "$DIR/start.ssh")
    bl=$(median < "$DIR/bench.local"); bs=$(median < "$DIR/bench.ssh")
    printf '%s medians: open→graph local %s s, ssh %s s (ssh/local %.2f); bench local %s ms, ssh %s ms (ssh/local %.2f); worker start local %s s, ssh %s s\n' \
        "$name" "$ol" "$os" "$(echo "$os / $ol" | bc -l)" "$bl" "$bs" "$(echo "$bs / $bl" | bc -l)" "$sl" "$ss"
    echo "$name load average (1 min) during the rounds: min $(sort -g "$DIR/loads" | head -1), median $(median < "$DIR/loads"), max $(sort -g "$DIR/loads" | tail -1)"
    if ((BYTES)); then
        echo "== $name: bytes over the link for open + expand all (the real window), ssh and ssh -C"
        for mode in ssh sshc; do
            : > "$DIR/$mode.log"
            JITSCOPE_CLI=$DIR/$mode.sh "$WINDOW_BENCH" --rounds 1 "$file" > /dev/null
            echo "[$mode] bytes received over the link: $(transferred "$mode")"
        done
    fi
done
