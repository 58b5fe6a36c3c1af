#!/usr/bin/python3
"""Deterministic mutation test: damaged and hostile variants of small fixtures, made at test time with a
fixed seed, each opened with `jitscope-cli info` and `jitscope-cli graph --inlined`. Every run must end by
itself, with exit 0 (opened; a damaged file may warn) or 3 (refused, the reason on stderr's first line).
A crash, a hang, any other exit code or a refusal without a reason fails the test.

Usage: mutants.py JITSCOPE_CLI FIXTURE_DIR [--count N] [--jobs N] [--keep DIR]
"""
import argparse
import concurrent.futures
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import warnings
import zipfile

warnings.simplefilter("ignore")  # duplicate names are made on purpose

SEED = 1313
SOURCES = ["tiny_linear.pt", "small_traced.pt", "small_scripted.pt", "control_flow.pt", "multi_method.pt"]


def records(path):
    with zipfile.ZipFile(path) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def write_zip(dst, entries):
    """entries: (name, bytes) in order; stored, fixed timestamps."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, data)


def data_offset(buf, info):
    off = info.header_offset
    name_len, extra_len = struct.unpack_from("<HH", buf, off + 26)
    return off + 30 + name_len + extra_len


def deep_pickle(kind, depth):
    if kind == "list":
        return b"\x80\x02" + b"](" * depth + b"]" + b"e" * depth + b"."
    if kind == "tuple":
        return b"\x80\x02" + b"(" * depth + b")" + b"t" * depth + b"."
    return b"\x80\x02" + b"}(X\x01\x00\x00\x00k" * depth + b"}" + b"u" * depth + b"."  # dicts


def absurd_ints(pickle_bytes, rng):
    """Replaces one small integer opcode (sizes, strides, offsets, numels) with an absurd value."""
    spots = [m.start() for m in re.finditer(rb"[KMJ]", pickle_bytes)]
    if not spots:
        return pickle_bytes
    at = rng.choice(spots)
    width = {ord("K"): 1, ord("M"): 2, ord("J"): 4}[pickle_bytes[at]]
    value = rng.choice([2**31 - 1, -1, -(2**31), 2**40, 2**62, 2**63 - 1, 0])
    body = value.to_bytes(8, "little", signed=True)
    return pickle_bytes[:at] + b"\x8a\x08" + body + pickle_bytes[at + 1 + width:]


def make_mutants(fixtures, outdir, count):
    rng = random.Random(SEED)
    mutants = []

    def emit(kind, data=None, entries=None):
        path = os.path.join(outdir, "m%03d_%s.pt" % (len(mutants), kind))
        if entries is not None:
            write_zip(path, entries)
        else:
            with open(path, "wb") as f:
                f.write(data)
        mutants.append((kind, path))

    kinds = ["truncate", "flip_archive", "flip_record", "swap_records", "delete_record", "code_token",
             "absurd_size", "deep_pickle", "duplicate_record"]
    weights = [20, 40, 45, 20, 20, 35, 30, 10, 5]
    deep = 0
    while len(mutants) < count:
        src = os.path.join(fixtures, rng.choice(SOURCES))
        with open(src, "rb") as f:
            buf = f.read()
        recs = records(src)
        names = [i.filename for i, _ in recs]
        kind = rng.choices(kinds, weights)[0]
        if kind == "truncate":
            emit(kind, buf[: rng.randrange(0, len(buf))])
        elif kind == "flip_archive":
            b = bytearray(buf)
            for _ in range(rng.choice([1, 1, 4, 16])):
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
            emit(kind, bytes(b))
        elif kind == "flip_record":
            info, data = rng.choice([r for r in recs if r[0].file_size > 0])
            b = bytearray(buf)
            start = data_offset(buf, info)
            if info.compress_type == zipfile.ZIP_STORED:
                for _ in range(rng.choice([1, 2, 8])):
                    b[start + rng.randrange(info.compress_size)] ^= 1 << rng.randrange(8)
            else:
                b[start + rng.randrange(max(1, info.compress_size))] ^= 0xFF
            emit(kind, bytes(b))
        elif kind == "swap_records":
            i, j = rng.sample(range(len(recs)), 2)
            entries = [(n, d) for (n, d) in ((r[0].filename, r[1]) for r in recs)]
            (ni, di), (nj, dj) = entries[i], entries[j]
            entries[i], entries[j] = (ni, dj), (nj, di)  # names stay, contents swap
            emit(kind, entries=entries)
        elif kind == "delete_record":
            drop = rng.randrange(len(recs))
            emit(kind, entries=[(r[0].filename, r[1]) for k, r in enumerate(recs) if k != drop])
        elif kind == "code_token":
            code = [k for k, n in enumerate(names) if "/code/" in n and n.endswith(".py")]
            k = rng.choice(code)
            text = recs[k][1].decode("utf-8", "replace")
            tokens = list(re.finditer(r"\w+|[^\w\s]", text))
            t = rng.choice(tokens)
            text = text[: t.start()] + text[t.end():]
            entries = [(r[0].filename, r[1]) for r in recs]
            entries[k] = (entries[k][0], text.encode("utf-8"))
            emit(kind, entries=entries)
        elif kind == "absurd_size":
            pk = [k for k, n in enumerate(names) if n.endswith("/data.pkl") or n.endswith("/constants.pkl")]
            k = rng.choice(pk)
            entries = [(r[0].filename, r[1]) for r in recs]
            entries[k] = (entries[k][0], absurd_ints(entries[k][1], rng))
            emit(kind, entries=entries)
        elif kind == "deep_pickle":
            depth = [1000, 10000, 100000, 1000000][deep % 4]
            shape = ["list", "tuple", "dict"][deep % 3]
            deep += 1
            target = "/data.pkl" if deep % 2 else "/constants.pkl"
            entries = [(r[0].filename, deep_pickle(shape, depth) if r[0].filename.endswith(target) else r[1])
                       for r in recs]
            emit(kind, entries=entries)
        elif kind == "duplicate_record":
            k = rng.randrange(len(recs))
            entries = [(r[0].filename, r[1]) for r in recs]
            entries.append((entries[k][0], entries[k][1][::-1]))
            emit(kind, entries=entries)
    return mutants


def check(cli, kind, path, args, timeout):
    cmd = [cli] + args + [path]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "%s %s: did not end within %d s" % (kind, " ".join(args[:2]), timeout)
    err = r.stderr.decode("utf-8", "replace")
    first = err.splitlines()[0] if err.strip() else ""
    if r.returncode == 0:
        return None if r.stdout else "%s %s: exit 0 with no output" % (kind, args[0])
    if r.returncode == 3:
        if not first.startswith("jitscope-cli: ") or len(first) < 20:
            return "%s %s: exit 3 without a one-line reason: %r" % (kind, args[0], err[:300])
        return None
    return "%s %s: exit %d (%s)" % (kind, args[0], r.returncode, err.strip()[-300:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("fixtures")
    ap.add_argument("--count", type=int, default=225)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=30)
    ap.add_argument("--keep", help="write the mutants here and keep them (seed corpus for the fuzzer)")
    args = ap.parse_args()

    outdir = args.keep or tempfile.mkdtemp(prefix="jitscope-mutants-")
    os.makedirs(outdir, exist_ok=True)
    try:
        mutants = make_mutants(args.fixtures, outdir, args.count)
        jobs = [(k, p, a) for k, p in mutants for a in (["info"], ["graph", "--inlined"])]
        failures, exits = [], {}
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = {pool.submit(check, args.cli, k, p, a, args.timeout): (k, p) for k, p, a in jobs}
            for future in concurrent.futures.as_completed(futures):
                problem = future.result()
                if problem:
                    failures.append("%s: %s" % (os.path.basename(futures[future][1]), problem))
        by_kind = {}
        for k, _ in mutants:
            by_kind[k] = by_kind.get(k, 0) + 1
        print("%d mutants (%s), %d runs" % (len(mutants), ", ".join("%s %d" % kv for kv in sorted(by_kind.items())),
                                           len(jobs)))
        for f in sorted(failures):
            print("FAIL", f)
        return 1 if failures else 0
    finally:
        if not args.keep:
            shutil.rmtree(outdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
