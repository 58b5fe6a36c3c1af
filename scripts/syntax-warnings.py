#!/usr/bin/env python3
"""-Wall -Wextra over a configured build without building it: every project translation unit of
BUILD/compile_commands.json is compiled with -fsyntax-only -Wall -Wextra (two at a time, nice 5), and the
files with warnings are printed. Minutes instead of a full warnings build on a 2-core machine; it cannot see
warnings that need the optimiser (-Wmaybe-uninitialized): the dev preset's build still can.

    scripts/syntax-warnings.py BUILD [PATH_FILTER ...]     e.g. scripts/syntax-warnings.py build /ui/ /app/gui
"""
import json
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def command(entry):
    args, out, skip = shlex.split(entry["command"]), [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-o", "-MF", "-MT"):
            skip = True
        elif arg != "-MD":
            out.append(arg)
    if out[0].endswith("ccache"):
        out = out[1:]
    return ["nice", "-n", "5"] + out + ["-fsyntax-only", "-Wall", "-Wextra"]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build, filters = sys.argv[1], sys.argv[2:]
    entries = [e for e in json.load(open(build + "/compile_commands.json"))
               if "_autogen" not in e["file"] and "/" + build.rstrip("/").split("/")[-1] + "/" not in e["file"]
               and (not filters or any(f in e["file"] for f in filters))]

    def run(entry):
        r = subprocess.run(command(entry), cwd=entry["directory"], capture_output=True, text=True)
        return entry["file"], r.stderr

    noisy = 0
    with ThreadPoolExecutor(2) as pool:
        for path, err in pool.map(run, entries):
            if "warning:" in err or "error:" in err:
                noisy += 1
                print("=== " + path + "\n" + err)
    print("%d translation units, %d with warnings" % (len(entries), noisy))
    sys.exit(1 if noisy else 0)


if __name__ == "__main__":
    main()
