#!/usr/bin/env bash
# Installs the built package into a fresh Debian 12 minbase root (scripts/lib/freshroot.sh) the way a user
# would (`apt-get install ./jitscope_*.deb`, apt's defaults: Recommends on) and checks it there:
#   - what it pulls: package count and installed size; no -dev package, no compiler
#   - jitscope-cli --version / info on the installed sample and on a fixture; the man pages
#   - a model needing torchvision's ops, without python3-torchvision: the message names the package
#     (--torchvision also installs python3-torchvision and expects the ops to be found and loaded)
#   - the MIME type and .desktop file registered by shared-mime-info's and desktop-file-utils' triggers:
#     xdg-mime query filetype / default, gio
#   - under Xvfb, `xdg-open "/tmp/my model.pt"` starts JitScope showing that file (window title), and a
#     screenshot of it.
#   sudo scripts/deb-check.sh [--torchvision] [DEB]   (DEB defaults to the newest build-deb/jitscope_*.deb)
# Needs the network and a few minutes; not part of ctest's default run (JITSCOPE_DEB_CHECK=1 enables it).
# Results and the screenshot go to build-deb/deb-check/.
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$REPO/scripts/lib/freshroot.sh"

torchvision=0
deb=""
for arg in "$@"; do
    case "$arg" in
    --torchvision) torchvision=1 ;;
    -h | --help)
        sed -n '2,14p' "$0"
        exit 0
        ;;
    *) deb=$arg ;;
    esac
done
if [[ -z "$deb" ]]; then
    deb=$(ls -t "$REPO"/build-deb/jitscope_*_amd64.deb 2> /dev/null | head -1 || true)
    [[ -n "$deb" ]] || { echo "deb-check: no build-deb/jitscope_*_amd64.deb; run scripts/make-deb.sh first" >&2; exit 1; }
fi
deb=$(readlink -f "$deb")
OUT=${DEB_CHECK_OUT:-$REPO/build-deb/deb-check}
rm -rf "$OUT" && mkdir -p "$OUT"

failures=0
check() # check DESCRIPTION COMMAND: runs COMMAND in the root, prints PASS/FAIL
{
    local description=$1 output status=0
    output=$(freshroot_run "$2" 2>&1) || status=$?
    if ((status == 0)); then
        printf 'PASS  %s\n' "$description"
    else
        printf 'FAIL  %s (exit %d)\n' "$description" "$status"
        failures=$((failures + 1))
    fi
    [[ -z "$output" ]] || sed 's/^/      /' <<< "$output" | head -40
}

# A tiny scripted model calling torchvision::nms, made by the host's PyTorch (the fixtures' generator).
fixtures=$OUT/fixtures
mkdir -p "$fixtures"
# (From a file: torch.jit.script reads the class's source.)
cat > "$fixtures/make_nms.py" <<'EOF'
import sys, torch, torchvision
class Nms(torch.nn.Module):
    def forward(self, boxes: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        return torchvision.ops.nms(boxes, scores, 0.5)
torch.jit.save(torch.jit.script(Nms()), sys.argv[1] + "/nms.pt")
EOF
/usr/bin/python3 "$fixtures/make_nms.py" "$fixtures"
# A fixture the test suite makes, if this checkout has them (any small one will do).
fixture=$(ls "$REPO"/build/fixtures/resnet18_scripted.pt "$REPO"/build/fixtures/*.pt 2> /dev/null | head -1 || true)
[[ -z "$fixture" ]] || cp "$fixture" "$fixtures/"

freshroot_make
mkdir -p "$FRESHROOT/tmp/check"
cp "$deb" "$fixtures"/*.pt "$FRESHROOT/tmp/check/"
name=$(basename "$deb")

echo "== install $name into a fresh minbase root (apt defaults: Recommends on)"
freshroot_run 'apt-get update -q > /dev/null'
size() { freshroot_run "dpkg-query -W -f='\${Installed-Size}\n' | awk '{ s += \$1 } END { print s }'"; }
count_before=$(freshroot_run 'dpkg-query -W | wc -l')
size_before=$(size)
du_before=$(freshroot_run 'du -sxm / | cut -f1')
freshroot_run 'dpkg-query -W -f="\${Package}\n" | sort' > "$OUT/packages-before.txt"
freshroot_run "apt-get install -y -q /tmp/check/$name" > "$OUT/apt-install.log" 2>&1 ||
    { tail -30 "$OUT/apt-install.log"; exit 1; }
freshroot_run 'apt-get clean'
count_after=$(freshroot_run 'dpkg-query -W | wc -l')
size_after=$(size)
du_after=$(freshroot_run 'du -sxm / | cut -f1')
freshroot_run 'dpkg-query -W -f="\${Package}\n" | sort' > "$OUT/packages-after.txt"
comm -13 "$OUT/packages-before.txt" "$OUT/packages-after.txt" > "$OUT/packages-new.txt"
printf 'installed %d new packages (%d -> %d), Installed-Size +%d MB (dpkg), disk +%d MB (du, apt cache cleaned)\n' \
    $((count_after - count_before)) "$count_before" "$count_after" $(((size_after - size_before) / 1024)) \
    $((du_after - du_before)) | tee "$OUT/figures.txt"

dev=$(grep -E -- '-dev$' "$OUT/packages-new.txt" || true)
compilers=$(grep -E '^(gcc|g\+\+|cpp|clang|build-essential|binutils|make|cmake)(-[0-9.]+)?$' "$OUT/packages-new.txt" || true)
if [[ -z "$dev$compilers" ]]; then
    echo "PASS  runtime packages only (no -dev package, no compiler)"
else
    echo "FAIL  development packages pulled in: $dev $compilers"
    failures=$((failures + 1))
fi
# A model file as a user has it: a name with a space.
cp "$FRESHROOT/usr/share/jitscope/sample.pt" "$FRESHROOT/tmp/my model.pt"
check "python3-torchvision is not installed (a Suggests)" '! dpkg-query -W -f="\${Status}" python3-torchvision 2>/dev/null | grep -q "ok installed"'

echo "== the programs"
check "jitscope-cli --version" 'jitscope-cli --version'
check "jitscope-cli info on the installed sample" 'jitscope-cli info /usr/share/jitscope/sample.pt | head -8'
if [[ -n "$fixture" ]]; then
    check "jitscope-cli info on the fixture $(basename "$fixture")" "jitscope-cli info /tmp/check/$(basename "$fixture") | head -5"
fi
check "jitscope --version (the window's binary starts)" 'QT_QPA_PLATFORM=offscreen jitscope --version'
check "man pages, copyright, changelog" 'ls /usr/share/man/man1/jitscope-cli.1.gz /usr/share/man/man1/jitscope.1.gz /usr/share/doc/jitscope/copyright /usr/share/doc/jitscope/changelog.gz'
check "hicolor icons 16-256 px and scalable" 'ls /usr/share/icons/hicolor/*/apps/jitscope.* | wc -l | grep -qx 9'
check "without python3-torchvision, a torchvision::nms model names the package" \
    'out=$(jitscope-cli info /tmp/check/nms.pt 2>&1); status=$?; echo "$out" | head -2; [ $status -eq 3 ] && echo "$out" | grep -q "apt install python3-torchvision"'
if ((torchvision)); then
    freshroot_run 'apt-get install -y -q --no-install-recommends python3-torchvision' > "$OUT/apt-torchvision.log" 2>&1 ||
        { tail -20 "$OUT/apt-torchvision.log"; exit 1; }
    check "with python3-torchvision, its ops are found and loaded" \
        'jitscope-cli info /tmp/check/nms.pt | grep -i "torchvision"'
fi

echo "== desktop integration (shared-mime-info, desktop-file-utils, xdg-utils and an X server, as on a desktop)"
freshroot_run 'apt-get install -y -q --no-install-recommends shared-mime-info desktop-file-utils xdg-utils libglib2.0-bin file xvfb xauth xdotool imagemagick fonts-dejavu-core' > "$OUT/apt-desktop.log" 2>&1 ||
    { tail -20 "$OUT/apt-desktop.log"; exit 1; }
# Reinstalled with those present, so that the registration comes from their dpkg triggers.
freshroot_run "dpkg --purge jitscope && dpkg -i /tmp/check/$name" > "$OUT/dpkg-reinstall.log" 2>&1 ||
    { tail -20 "$OUT/dpkg-reinstall.log"; exit 1; }
# Counted after the install only (the purge runs them too).
if [[ $(sed -n '/^Unpacking jitscope/,$p' "$OUT/dpkg-reinstall.log" |
    grep -cE 'Processing triggers for (shared-mime-info|desktop-file-utils)') == 2 ]]; then
    echo "PASS  dpkg triggers of shared-mime-info and desktop-file-utils ran for the package"
else
    echo "FAIL  dpkg triggers did not run (see $OUT/dpkg-reinstall.log)"
    failures=$((failures + 1))
fi
check "the type and the handler are registered" \
    'ls /usr/share/mime/application/x-torchscript.xml && grep application/x-torchscript /usr/share/applications/mimeinfo.cache'
check "desktop-file-validate" 'desktop-file-validate /usr/share/applications/jitscope.desktop'
check "xdg-mime query filetype (GNOME: GIO and shared-mime-info) -> application/x-torchscript" \
    'XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype "/tmp/my model.pt" | tee /dev/stderr | grep -qx application/x-torchscript'
check "gio info content type -> application/x-torchscript" \
    'gio info -a standard::content-type "/tmp/my model.pt" | grep "content-type: application/x-torchscript"'
freshroot_run 'printf "xdg-mime without a desktop environment (falls back to file(1)): %s\n" "$(xdg-mime query filetype "/tmp/my model.pt")"'
check "xdg-mime query default application/x-torchscript -> jitscope.desktop" \
    'XDG_CURRENT_DESKTOP=GNOME xdg-mime query default application/x-torchscript | tee /dev/stderr | grep -qx jitscope.desktop'

echo '== xdg-open "/tmp/my model.pt" under Xvfb'
freshroot_run '(Xvfb :42 -screen 0 1600x1000x24 -nolisten tcp > /tmp/xvfb.log 2>&1 &) ; sleep 2'
check 'xdg-open "/tmp/my model.pt" shows a JitScope window titled with the file name' \
    'export DISPLAY=:42 XDG_CURRENT_DESKTOP=GNOME XDG_RUNTIME_DIR=/tmp/xdg; mkdir -p -m 700 $XDG_RUNTIME_DIR
     xdg-open "/tmp/my model.pt" > /tmp/xdg-open.log 2>&1
     for i in $(seq 90); do
         title=$(xdotool search --name "my model.pt" getwindowname 2>/dev/null | head -1)
         [ -n "$title" ] && break; sleep 1
     done
     echo "window title after ${i}s: ${title:-none}"
     sleep 5; import -window root /tmp/xdg-open.png
     # The window and the worker it found next to itself (/usr/bin/jitscope-cli serve).
     for exe in /proc/[0-9]*/exe; do readlink $exe; done 2>/dev/null | grep /usr/bin/jitscope | sort | uniq -c
     [ -n "$title" ]'
cp "$FRESHROOT/tmp/xdg-open.png" "$OUT/xdg-open.png" 2> /dev/null && echo "screenshot: $OUT/xdg-open.png"
cp "$FRESHROOT/tmp/xdg-open.log" "$OUT/" 2> /dev/null || true

echo
if ((failures == 0)); then
    echo "deb-check: PASSED ($(cat "$OUT/figures.txt"))"
else
    echo "deb-check: $failures check(s) FAILED"
fi
((failures == 0))
