#!/bin/sh
# Runs a test on its own virtual X display (xvfb-run -a), for tests that need real X windows driven by
# xdotool. Exits 77 (ctest's SKIP_RETURN_CODE) with the reason when Xvfb or xdotool is not installed
# (scripts/install-deps.sh test installs both).
for tool in xvfb-run Xvfb xdotool; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed (scripts/install-deps.sh test installs it)"
        exit 77
    fi
done
exec xvfb-run -a -s "-screen 0 1280x800x24" "$@"
