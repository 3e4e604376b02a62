#!/usr/bin/env python3
"""The same checks as bench/claims_bench.cpp, written as a user would in Python with mpmath at 50 digits.

LEM-C1 (upper, B PSD):   Tr(AB) <= lambda_max(A) Tr(B)
EQ-64 end-to-end (a):    lambda_max(S)^k <= n^{2k} d^k lambda_max(H)^{2k},  S_ij = sqrt(Tr(H_i H_j)), n = 4, k = 2
Prints JSON: {"LEM_C1_mpfr50/4": samples_per_second, ...}.
"""
import json
import random
import sys
import time

import mpmath as mp

mp.mp.dps = 50


def wishart(d, rng):
    g = mp.matrix([[rng.randint(-3, 3) for _ in range(d)] for _ in range(d)])
    return g * g.T


def lem_c1(d, rng):
    a, b = wishart(d, rng), wishart(d, rng)
    lmax = max(mp.eigsy(a, eigvals_only=True))
    trb = sum(b[i, i] for i in range(d))
    trab = sum((a * b)[i, i] for i in range(d))
    return trab <= lmax * trb


def eq_64(d, rng, n=4, k=2):
    hs = [wishart(d, rng) for _ in range(n)]
    s = mp.matrix(n, n)
    for i in range(n):
        for j in range(n):
            p = hs[i] * hs[j]
            s[i, j] = mp.sqrt(sum(p[t, t] for t in range(d)))
    lmax_s = max(mp.eigsy(s, eigvals_only=True))
    h = hs[0]
    for m in hs[1:]:
        h = h + m
    h = h / n
    lmax_h = max(mp.eigsy(h, eigvals_only=True))
    return lmax_s ** k <= mp.mpf(n) ** (2 * k) * mp.mpf(d) ** k * lmax_h ** (2 * k)


def rate(fn, d, min_seconds):
    rng = random.Random(d * 7919)
    count, t0 = 0, time.process_time()
    while True:
        fn(d, rng)
        count += 1
        elapsed = time.process_time() - t0
        if elapsed >= min_seconds and count >= 3:
            return count / elapsed


if __name__ == "__main__":
    min_seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    out = {}
    for d in (4, 8, 16):
        out[f"LEM_C1_mpfr50/{d}"] = rate(lem_c1, d, min_seconds)
        out[f"EQ_64_mpfr50/{d}"] = rate(eq_64, d, min_seconds)
    print(json.dumps(out))
