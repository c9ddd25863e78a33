"""numpy's float32 time for a training step's dense products (bench/train.ts runs this).

Usage: python3 bench/numpyProducts.py REQUEST.json, REQUEST: {"presets": [{"preset", "gemms": [[M, N, K, transA,
transB, calls]]}]} — C [M, N] = op(A) op(B), A stored [K, M] when transA, B stored [N, K] when transB, as the Wasm
`gemm` kernel takes them. Each distinct shape is timed as `np.matmul(a, b, out=c)` on operands laid out that way
(a transposed operand is a view: BLAS reads it with its transpose flag, nothing is copied): its fastest call of at
least 50 (up to 0.2 s of calls) — a ceiling, the least disturbed call, as bench/train.ts takes ours; the step's time
is the sum over its calls. numpy has no C += A·B in one call: accumulating products are timed as plain ones, which
favours numpy. Threads: whatever OPENBLAS_NUM_THREADS / OMP_NUM_THREADS say (bench/train.ts sets them).
Prints {"numpy", "blas"} then one JSON line per preset: {"preset", "ms", "flops"}.
"""

import json
import sys
import time

import numpy as np


def blas_name():
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # noqa: BLE001 - older numpy: no dict mode
        return "unknown"


def shape_ms(M, N, K, trans_a, trans_b, rng):
    a = rng.standard_normal((K, M) if trans_a else (M, K), dtype=np.float32)
    b = rng.standard_normal((N, K) if trans_b else (K, N), dtype=np.float32)
    a = a.T if trans_a else a
    b = b.T if trans_b else b
    c = np.empty((M, N), dtype=np.float32)
    np.matmul(a, b, out=c)
    best = float("inf")
    began = time.perf_counter()
    calls = 0
    while calls < 50 or (time.perf_counter() - began < 0.2 and calls < 5000):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - start)
        calls += 1
    return best * 1000


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    print(json.dumps({"numpy": np.__version__, "blas": blas_name()}), flush=True)
    rng = np.random.default_rng(0)
    cache = {}
    for entry in request["presets"]:
        total_ms = 0.0
        flops = 0
        for M, N, K, trans_a, trans_b, calls in entry["gemms"]:
            key = (M, N, K, bool(trans_a), bool(trans_b))
            if key not in cache:
                cache[key] = shape_ms(*key, rng)
            total_ms += calls * cache[key]
            flops += calls * 2 * M * N * K
        print(json.dumps({"preset": entry["preset"], "ms": total_ms, "flops": flops}), flush=True)


if __name__ == "__main__":
    main()
