#!/usr/bin/python3
"""torch.utils.benchmark.Timer on a TorchScript file with randn inputs: the Python reference for
`jitscope-cli bench`.   python_timer.py FILE WARMUP ITERS THREADS SHAPE...   → one JSON line (ms)."""
import json
import sys

import torch
import torch.utils.benchmark as benchmark


def main():
    path, warmup, iters, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    m = torch.jit.load(path).eval()
    inputs = []
    for i, shape in enumerate(sys.argv[5:]):
        torch.manual_seed(i)
        inputs.append(torch.randn(*[int(d) for d in shape.split("x")]))
    with torch.inference_mode():
        for _ in range(warmup):
            m(*inputs)
        t = benchmark.Timer(stmt="m(*inputs)", globals={"m": m, "inputs": inputs}, num_threads=threads)
        # one call per measurement so that the median is per call, as JitScope reports it
        ms = sorted(t.timeit(1).times[0] * 1e3 for _ in range(iters))
        # and the Timer's own way: blocks of calls, the median of the per-call block means
        auto = t.blocked_autorange(min_run_time=1.0)
    print(json.dumps({"median_ms": ms[len(ms) // 2], "mean_ms": sum(ms) / len(ms), "iters": len(ms),
                      "autorange_median_ms": auto.median * 1e3}))


if __name__ == "__main__":
    main()
