#!/usr/bin/python3
"""EXP-C3-PHASE written as a user would with numpy, the way the paper's public code does it (coherence_local.py):
the family stored as n dense d x d matrices, one batch = the sum of B of them drawn without replacement
(np.random.choice(n, B, replace=False)) divided by B, and one dense matrix product per step.

  phase_python.py --B 1,10,40 --sigma 5,25,50 [--mode sgd|sam|noise] [--lr 0.5] [--runs 10] [--steps 1000] [--seed 1]

Same protocol as `stabcheck experiment phase-diagram` (w0 ~ U[0,1)^d, divergence iff ||w||^2 >= 1000 ||w0||^2 tested
after every update, cell divergent iff more than half the runs diverge). Prints JSON: seconds (process time) and, per
cell, the number of diverged runs.
"""
import argparse
import json
import time

import numpy as np

n = 100


def datagenerate(i, sigma, d):
    vec = np.zeros((d, 1))
    if i < sigma:
        vec[0, 0] = 1
    else:
        vec[i - sigma + 1, 0] = 1
    return 2 * n / sigma * (vec @ vec.T)


def onebatch(datalist, batchsize):
    index = np.random.choice(n, batchsize, replace=False)
    return np.sum(datalist[index], axis=0) / batchsize


def run(datalist, H, b, lr, steps, d, mode, c):
    w = np.random.rand(d, 1)
    init_norm = float(w.T @ w)
    for step in range(steps):
        hb = onebatch(datalist, b)
        if mode == "sgd":
            w = (np.identity(d) - lr * hb) @ w
        elif mode == "sam":
            w = (np.identity(d) - lr * hb - lr * c * hb @ H) @ w
        else:
            noise = np.random.randn(d, 1)
            w = (np.identity(d) - lr * hb) @ (w + noise)
        if float(w.T @ w) >= 1000 * init_norm:
            return True
    return False


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--B", default="1,10,40")
    p.add_argument("--sigma", default="5,25,50")
    p.add_argument("--mode", default="sgd", choices=["sgd", "sam", "noise"])
    p.add_argument("--lr", type=float, default=0.5)
    p.add_argument("--rho", type=float, default=0.5)
    p.add_argument("--alpha", type=float, default=0.1)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    np.random.seed(a.seed)
    Bs = [int(x) for x in a.B.split(",")]
    sigmas = [int(x) for x in a.sigma.split(",")]
    cells = []
    t0 = time.process_time()
    for sigma in sigmas:
        d = n - sigma + 1
        datalist = np.array([datagenerate(i, sigma, d) for i in range(n)])
        H = np.sum(datalist, axis=0) / n
        for b in Bs:
            div = sum(run(datalist, H, b, a.lr, a.steps, d, a.mode, a.rho / a.alpha) for _ in range(a.runs))
            cells.append([b, sigma, div])
    print(json.dumps({"seconds": time.process_time() - t0, "cells_B_sigma_diverged": cells}))


if __name__ == "__main__":
    main()
