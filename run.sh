#!/usr/bin/env bash
# Build JitScope and start it: ./run.sh [FILE]. With no FILE it opens the bundled sample model.
# Installs missing Debian packages first (non-interactively, only when something is missing).
# ./run.sh --build-only stops after the build (no display needed; scripts/fresh-check.sh uses it).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

BUILD_ONLY=0
if [[ "${1:-}" == --build-only ]]; then
    BUILD_ONLY=1
    shift
fi

scripts/install-deps.sh build

BUILD_DIR=${BUILD_DIR:-build}
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DJITSCOPE_BUILD_BENCH=OFF
fi
cmake --build "$BUILD_DIR" --target jitscope jitscope-cli
((BUILD_ONLY == 0)) || exit 0

FILE=${1:-}
if [[ -z "$FILE" && -f resources/sample/sample.pt ]]; then
    FILE=resources/sample/sample.pt
fi
# LibTorch brings its own threads: one OpenBLAS thread each avoids oversubscription.
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
if [[ -n "$FILE" ]]; then
    exec "$BUILD_DIR/app/gui/jitscope" "$FILE"
else
    exec "$BUILD_DIR/app/gui/jitscope"
fi
