#!/usr/bin/env bash
# Installs the Debian 12 packages JitScope needs, non-interactively, and only those that are missing
# (a warm machine runs no apt at all). Used by run.sh and test.sh.
#   scripts/install-deps.sh [build|test|package]   test adds the fixture generators' Python packages,
#   package the tools scripts/make-deb.sh runs
set -euo pipefail

PACKAGES=(g++ cmake ninja-build ccache pkg-config
          libtorch-dev libopenblas0-pthread
          qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqscintilla2-qt6-dev libgl-dev fonts-dejavu-core
          libgraphviz-dev nlohmann-json3-dev libcli11-dev libzip-dev libgtest-dev)
if [[ "${1:-build}" == test ]]; then
    # Fixtures are made at test time by PyTorch itself (only /usr/bin/python3 can import it).
    PACKAGES+=(python3-torch python3-torchvision python3-torchaudio python3-numpy)
    # The remote-worker tests start a real sshd on a loopback port.
    PACKAGES+=(openssh-server openssh-client)
    # test_remote_askpass types into the real askpass dialog on a virtual display.
    PACKAGES+=(xvfb xauth xdotool) # xvfb-run needs xauth, which apt only recommends
elif [[ "${1:-build}" == package ]]; then
    PACKAGES+=(dpkg-dev help2man librsvg2-bin lintian desktop-file-utils)
fi

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
((${#missing[@]})) || exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
