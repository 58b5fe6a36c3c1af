#!/usr/bin/env bash
# Builds the Debian package: scripts/make-deb.sh  →  build-deb/jitscope_<version>_amd64.deb
# A Release build with Debian's hardening flags in its own build directory (build-deb/, no tests or
# benchmarks), stripped binaries, man pages from --help (help2man), PNG icons rasterised from the SVG,
# runtime Depends from dpkg-shlibdeps; then lintian and desktop-file-validate on the result.
# scripts/deb-check.sh installs the package into a fresh Debian 12 root and tries it there.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

scripts/install-deps.sh package

BUILD_DIR=${BUILD_DIR:-build-deb}
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

# Debian's flags (stack protector, _FORTIFY_SOURCE, relro/now) without -g: the binaries are stripped,
# and debug info makes each LibTorch translation unit several times bigger to compile.
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
CXXFLAGS=$(sed 's/\(^\| \)-g\( \|$\)/ /' <<< "$CXXFLAGS")
export CXXFLAGS="$CPPFLAGS $CXXFLAGS" LDFLAGS

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DCMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS="OWNER_READ;OWNER_WRITE;OWNER_EXECUTE;GROUP_READ;GROUP_EXECUTE;WORLD_READ;WORLD_EXECUTE" \
    -DJITSCOPE_BUILD_TESTS=OFF -DJITSCOPE_BUILD_BENCH=OFF -DJITSCOPE_PACKAGE_EXTRAS=ON
cmake --build "$BUILD_DIR" -j "$JOBS"
# Files created under a group-writable umask would be packaged as such (lintian: non-standard-file-perm).
(umask 022 && cd "$BUILD_DIR" && cpack -G DEB > cpack.log) || { cat "$BUILD_DIR/cpack.log"; exit 1; }

deb=$(ls -t "$BUILD_DIR"/jitscope_*.deb | head -1)
echo
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
printf '\n%s: %s\n' "$deb" "$(du -h "$deb" | cut -f1)"

desktop-file-validate packaging/jitscope.desktop
echo "lintian (fails on errors; warnings and info are listed):"
lintian --display-info --fail-on error "$deb"
echo "lintian: no errors"
