#!/usr/bin/env bash
# The remote worker's cost (issue #14): the real window and a scripted benchmark with the worker local, over
# ssh on loopback, and over `ssh -C`; and the bytes a session moves over the link (ssh -v's "Transferred").
#   bench/remote_link.sh BUILD_DIR FILE...     e.g. bench/remote_link.sh build build/fixtures/fasterrcnn_scripted.pt
# Starts a throwaway sshd on a loopback port (as the tests do); needs openssh-server. OPENBLAS_NUM_THREADS=1.
set -euo pipefail
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
for mode in ssh sshc; do
    flag=""; [[ $mode == sshc ]] && flag="-C"
    # sshd passes no environment: one OpenBLAS thread there too, as locally.
    printf '#!/bin/sh\nexec %s -v %s -E %s/%s.log 127.0.0.1 env OPENBLAS_NUM_THREADS=1 %s "$@"\n' "$SSH" "$flag" "$DIR" "$mode" "$CLI" > "$DIR/$mode.sh"
    chmod +x "$DIR/$mode.sh"
done

transferred() { # bytes received by the window's ssh over the link, summed over sessions
    grep -h 'Transferred: sent' "$DIR/$1.log" | sed 's/.*received \([0-9]*\) bytes.*/\1/' | awk '{s+=$1} END {print s+0}'
}

for file in "$@"; do
    file=$(readlink -f "$file")
    echo "== $(basename "$file"): the window (open → first drawn graph, expand all), worker local / ssh / ssh -C"
    for mode in local ssh sshc; do
        : > "$DIR/$mode.log"
        if [[ $mode == local ]]; then JITSCOPE_CLI=$CLI "$WINDOW_BENCH" --rounds 1 "$file" | sed "s/^/[$mode] /"
        else JITSCOPE_CLI=$DIR/$mode.sh "$WINDOW_BENCH" --rounds 1 "$file" | sed "s/^/[$mode] /"
             echo "[$mode] bytes received over the link: $(transferred $mode)"; fi
    done
    echo "== $(basename "$file"): open + bench 30 iterations through serve, local / ssh"
    inputs=$(/usr/bin/python3 -c "import json,sys; e=json.load(open(sys.argv[1])); print(e.get('run',{}).get('inputs_file',''))" "${file%.pt}.expect.json" 2>/dev/null || true)
    params="\"handle\": 1, \"warmup\": 5, \"iters\": 30, \"samples\": true"
    [[ -n "$inputs" ]] && params="$params, \"inputs_file\": \"$(dirname "$file")/$inputs\""
    session=$(printf '{"id":1,"method":"open","params":{"path":"%s"}}\n{"id":2,"method":"bench","params":{%s}}\n' "$file" "$params")
    for mode in local ssh; do
        cmd=$CLI; [[ $mode == ssh ]] && cmd=$DIR/ssh.sh
        start=$(date +%s.%N)
        median=$(echo "$session" | "$cmd" serve 2>/dev/null | /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("id") == 2:
        print("%.2f" % m["result"]["median_ms"] if "result" in m else m)')
        end=$(date +%s.%N)
        echo "[$mode] bench median $median ms, whole session $(echo "$end - $start" | bc) s"
    done
done
