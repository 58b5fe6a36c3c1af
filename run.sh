#!/usr/bin/env bash
# Build JitScope and start it: ./run.sh [FILE]. With no FILE it opens the bundled sample model.
# Installs missing Debian packages first (non-interactively, only when something is missing).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

PACKAGES=(libtorch-dev libopenblas0-pthread qt6-base-dev qt6-charts-dev libqscintilla2-qt6-dev qt6-svg-dev
          libgraphviz-dev nlohmann-json3-dev libcli11-dev libgtest-dev cmake ninja-build ccache pkg-config)

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "run.sh: installing ${missing[*]}" >&2
    SUDO=""
    [[ $(id -u) -eq 0 ]] || SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

BUILD_DIR=${BUILD_DIR:-build}
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DJITSCOPE_BUILD_BENCH=OFF
fi
cmake --build "$BUILD_DIR" --target jitscope jitscope-cli

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
