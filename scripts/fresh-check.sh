#!/usr/bin/env bash
# The README's two commands on a really fresh Debian 12: makes a minbase root (debootstrap), clones this
# checkout's committed HEAD into it and runs ./test.sh there (or only run.sh's build part), with nothing
# from this machine: no installed packages, no build directory, no ccache.
#   sudo scripts/fresh-check.sh              # ./test.sh (≈10+ minutes on 2 cores, needs the network)
#   sudo scripts/fresh-check.sh --run-build  # ./run.sh --build-only (the window needs a display)
#   sudo scripts/fresh-check.sh --run-configure  # run.sh's install step and its cmake configure only:
#                                                # proves its package list in ~6 minutes, without compiling
#   sudo scripts/fresh-check.sh --test-configure # the same for ./test.sh: its install step (test packages
#                                                # too), its cmake configure, and the test-only tools start
# Not part of ctest or .ci/run (minutes and a network); run it whenever a dependency changes.
# FRESHROOT_KEEP=1 keeps the root afterwards; see scripts/lib/freshroot.sh for the other knobs.
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$REPO/scripts/lib/freshroot.sh"

mode="test"
case "${1:-}" in
"") ;;
--run-build) mode=run-build ;;
--run-configure) mode=run-configure ;;
--test-configure) mode=test-configure ;;
-h | --help)
    sed -n '2,12p' "$0"
    exit 0
    ;;
*)
    echo "usage: $0 [--run-build | --run-configure | --test-configure]" >&2
    exit 2
    ;;
esac

start=$SECONDS
freshroot_make
freshroot_clone "$REPO" /root/jitscope
packages_before=$(freshroot_run 'dpkg-query -W | wc -l')

if [[ $mode == test ]]; then
    command='cd /root/jitscope && ./test.sh'
elif [[ $mode == run-build ]]; then
    command='cd /root/jitscope && ./run.sh --build-only'
elif [[ $mode == test-configure ]]; then
    # test.sh's install step and configure (keep them in step with it), then the tools only tests use.
    command='cd /root/jitscope && scripts/install-deps.sh test && cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && /usr/bin/python3 -c "import torch, torchvision, torchaudio, numpy" && xvfb-run -a xdotool version && test -x /usr/sbin/sshd && ssh -V'
else
    # The same two steps run.sh starts with (keep them in step with it).
    command='cd /root/jitscope && scripts/install-deps.sh build && cmake -S . -B build -G Ninja -DJITSCOPE_BUILD_BENCH=OFF'
fi
freshroot_log "running: $command"
step=$SECONDS
status=0
freshroot_run "$command" || status=$?
took=$((SECONDS - step))
packages_after=$(freshroot_run 'dpkg-query -W | wc -l')

printf '\nfresh-check (%s): %s; %dm%02ds for the command, %dm%02ds in all; packages %d -> %d\n' \
    "$mode" "$([[ $status -eq 0 ]] && echo PASSED || echo "FAILED (exit $status)")" \
    $((took / 60)) $((took % 60)) $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)) \
    "$packages_before" "$packages_after"
exit "$status"
