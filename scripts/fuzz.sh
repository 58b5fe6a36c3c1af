#!/usr/bin/env bash
# Builds the libFuzzer target (clang, ASan + UBSan) in build-fuzz/ and runs one fuzzing process at the
# lowest priority. The seed corpus is the fixtures plus the mutation test's mutants; new inputs go to
# build-fuzz/corpus, crashes to build-fuzz/crashes.
#
#   scripts/fuzz.sh [SECONDS] [FIXTURE_DIR]      (default 3600 s, build/fixtures)
#   scripts/fuzz.sh --reproduce CRASH_FILE       (runs one input under the sanitizers)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz.sh: needs clang and its fuzzer runtime: apt-get install clang libclang-rt-14-dev" >&2
  exit 2
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  CXX=clang++ CC=clang cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DJITSCOPE_BUILD_FUZZ=ON -DJITSCOPE_BUILD_GUI=OFF -DJITSCOPE_BUILD_TESTS=OFF -DJITSCOPE_BUILD_BENCH=OFF
fi
nice -n 19 cmake --build "$BUILD" -j "${JOBS:-1}" --target fuzz_open

# LibTorch keeps caches it never frees; leaks are not what this looks for.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1:malloc_limit_mb=4096}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

if [ "${1:-}" = "--reproduce" ]; then
  exec "$BUILD/tests/fuzz/fuzz_open" "$2"
fi

SECONDS_TO_RUN=${1:-3600}
FIXTURES=${2:-build/fixtures}
SEEDS="$BUILD/seeds"
mkdir -p "$BUILD/corpus" "$BUILD/crashes" "$SEEDS"
if [ -z "$(ls -A "$SEEDS")" ]; then
  # Small fixtures only: the fuzzer mutates whole files, and big ones make every run slow.
  find "$FIXTURES" -maxdepth 1 -name '*.pt' -size -200k -exec cp {} "$SEEDS/" \;
  /usr/bin/python3 tests/trust/mutants.py /bin/true "$FIXTURES" --count 60 --keep "$SEEDS/mutants" >/dev/null || true
  find "$SEEDS/mutants" -name '*.pt' -size -200k -exec mv {} "$SEEDS/" \; 2>/dev/null || true
  rm -rf "$SEEDS/mutants"
fi
# -timeout is wall-clock: at nice 19 on a busy machine an ordinary open can take over 30 s.
exec nice -n 19 "$BUILD/tests/fuzz/fuzz_open" "$BUILD/corpus" "$SEEDS" \
  -max_total_time="$SECONDS_TO_RUN" -max_len=262144 -timeout=300 -rss_limit_mb=6144 \
  -artifact_prefix="$BUILD/crashes/" -print_final_stats=1
