#!/usr/bin/python3
"""A verdict in a second (issue 35): stabcheck fuzz side by side with what a Python user would write instead
(Hypothesis with target(), numpy), on the same bounds, in one run.

Per bound and per tool, with the same wall-clock budget:
  stabcheck   `stabcheck fuzz BOUND --where W --budget T --no-repair --dims 1..4 --seed 1`, its stdout read line by
              line: time to the printed certified verdict ("verdict: refuted (certified" — printed as soon as a
              search round certifies it, before the report run and the best constant), time to first violation
              (report.json), and wall time to exit;
  hypothesis  @given over the same kinds (integer factors, d = 1..4), target() on the relative slack, a check
              `lhs <= rhs + 1e-9 * scale` (a user's rounding allowance): time to first failing example, time to the
              answer (Hypothesis stops and reports after shrinking), stopped at T.
Prints a Markdown table per tool and a summary: refuted within the budget, median times, false alarms on true bounds.

usage: bench/verdict_latency.py [STABCHECK] [SECONDS]   (default build/stabcheck, 5 s per bound and tool)
Needs numpy and Hypothesis (Debian python3-numpy, python3-hypothesis: ./dev latency installs them).
"""
import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from hypothesis import HealthCheck, Phase, given, settings, strategies as st, target


def psd_sqrt(a):
    w, v = np.linalg.eigh(a)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def sv(a):
    return np.linalg.svd(a, compute_uv=False)


def lmax(a):
    return np.linalg.eigvalsh(a)[-1]


def lmin(a):
    return np.linalg.eigvalsh(a)[0]


# (name, bound, where, truth, f(A, B, d) -> (lhs, rhs) for lhs <= rhs)
BOUNDS = [
    ("powers-stormer-0.99", "fro(sqrtm(A) - sqrtm(B))^2 <= 0.99*nuc(A - B)", "A: psd, B: psd", False,
     lambda A, B, d: (np.linalg.norm(psd_sqrt(A) - psd_sqrt(B)) ** 2, 0.99 * sv(A - B).sum())),
    ("trace-holder-half", "tr(A*B) <= 0.5*lmax(A)*tr(B)", "A: psd, B: psd", False,
     lambda A, B, d: (np.trace(A @ B), 0.5 * lmax(A) * np.trace(B))),
    ("weyl-0.99", "lmax(A+B) <= 0.99*(lmax(A) + lmax(B))", "A: psd, B: psd", False,
     lambda A, B, d: (lmax(A + B), 0.99 * (lmax(A) + lmax(B)))),
    ("det-superadditive-1.01", "1.01*(det(A) + det(B)) <= det(A+B)", "A: psd, B: psd", False,
     lambda A, B, d: (1.01 * (np.linalg.det(A) + np.linalg.det(B)), np.linalg.det(A + B))),
    ("cauchy-schwarz-0.99", "tr(A)^2 <= 0.99*d*fro(A)^2", "A: sym, B: sym", False,
     lambda A, B, d: (np.trace(A) ** 2, 0.99 * d * np.linalg.norm(A) ** 2)),
    ("lmin-superadditive-1.01", "1.01*(lmin(A) + lmin(B)) <= lmin(A+B)", "A: psd, B: psd", False,
     lambda A, B, d: (1.01 * (lmin(A) + lmin(B)), lmin(A + B))),
    ("fro-op-0.99", "fro(A*B) <= 0.99*op(A)*fro(B)", "A: general, B: general", False,
     lambda A, B, d: (np.linalg.norm(A @ B), 0.99 * sv(A)[0] * np.linalg.norm(B))),
    ("abab-reversed", "tr(A*A*B*B) <= tr(A*B*A*B)", "A: sym, B: sym", False,
     lambda A, B, d: (np.trace(A @ A @ B @ B), np.trace(A @ B @ A @ B))),
    ("powers-stormer", "fro(sqrtm(A) - sqrtm(B))^2 <= nuc(A - B)", "A: psd, B: psd", True,
     lambda A, B, d: (np.linalg.norm(psd_sqrt(A) - psd_sqrt(B)) ** 2, sv(A - B).sum())),
    ("trace-holder", "tr(A*B) <= lmax(A)*tr(B)", "A: psd, B: psd", True,
     lambda A, B, d: (np.trace(A @ B), lmax(A) * np.trace(B))),
    ("weyl", "lmax(A+B) <= lmax(A) + lmax(B)", "A: sym, B: sym", True,
     lambda A, B, d: (lmax(A + B), lmax(A) + lmax(B))),
    ("det-superadditive", "det(A) + det(B) <= det(A+B)", "A: psd, B: psd", True,
     lambda A, B, d: (np.linalg.det(A) + np.linalg.det(B), np.linalg.det(A + B))),
    ("cauchy-schwarz", "tr(A)^2 <= d*fro(A)^2", "A: sym, B: sym", True,
     lambda A, B, d: (np.trace(A) ** 2, d * np.linalg.norm(A) ** 2)),
    ("fro-op", "fro(A*B) <= op(A)*fro(B)", "A: general, B: general", True,
     lambda A, B, d: (np.linalg.norm(A @ B), sv(A)[0] * np.linalg.norm(B))),
]


def run_stabcheck(stabcheck, bound, where, seconds):
    out = tempfile.mkdtemp(prefix="latency-")
    t0 = time.monotonic()
    p = subprocess.Popen([stabcheck, "fuzz", bound, "--where", where, "--budget", str(seconds), "--no-repair", "--dims", "1..4",
                          "--seed", "1", "--out", out], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    printed = None
    for line in p.stdout:
        if printed is None and "verdict: refuted (certified" in line:
            printed = time.monotonic() - t0
    p.wait()
    wall = time.monotonic() - t0
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        e = json.load(f)["fuzz"][0]
    shutil.rmtree(out, ignore_errors=True)
    refuted = e["verdict"] == "refuted" and e["certified"]
    return {"refuted": refuted, "first": e.get("seconds_to_refutation"), "answer": printed if refuted else wall, "wall": wall}


class TimeUp(BaseException):
    pass


def kind_matrix(draw, kind, d):
    g = np.array(draw(st.lists(st.integers(-5, 5), min_size=d * d, max_size=d * d)), dtype=float).reshape(d, d)
    if kind == "psd":
        return g @ g.T
    if kind == "sym":
        return g + g.T
    return g


def run_hypothesis(bound, where, f, seconds):
    kinds = [w.split(":")[1].strip() for w in where.split(",")]
    t0 = time.monotonic()
    first = [None]

    @st.composite
    def sample(draw):
        d = draw(st.integers(1, 4))
        return d, kind_matrix(draw, kinds[0], d), kind_matrix(draw, kinds[1], d)

    @settings(max_examples=10 ** 9, deadline=None, database=None, phases=[Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(sample())
    def check(x):
        if time.monotonic() - t0 > seconds:
            raise TimeUp()  # a BaseException: Hypothesis does not treat it as a failing example
        d, A, B = x
        lhs, rhs = f(A, B, d)
        scale = max(abs(lhs), abs(rhs), 1e-300)
        target(float((lhs - rhs) / scale))
        if not lhs <= rhs + 1e-9 * scale:
            if first[0] is None:
                first[0] = time.monotonic() - t0
            raise AssertionError(f"{lhs} > {rhs}")

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Hypothesis's "@seed(...)" hints
            check()
    except (TimeUp, AssertionError, Exception):  # stopped at the budget, or falsified (Hypothesis wraps some failures)
        pass
    wall = time.monotonic() - t0
    # A failing example is what the user is shown (after shrinking, or at the budget): a refutation, or a false alarm
    # on a true bound; nothing in this harness certifies it.
    return {"refuted": first[0] is not None, "first": first[0], "answer": wall, "wall": wall}


def fmt(x):
    return "-" if x is None else f"{x:.2f}"


def main():
    stabcheck = sys.argv[1] if len(sys.argv) > 1 else "build/stabcheck"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    rows = []
    for name, bound, where, truth, f in BOUNDS:
        s = run_stabcheck(stabcheck, bound, where, seconds)
        h = run_hypothesis(bound, where, f, seconds)
        rows.append((name, truth, s, h))
        print(f"{name}: stabcheck {'refuted' if s['refuted'] else 'holds'} {fmt(s['answer'])} s, "
              f"hypothesis {'refuted' if h['refuted'] else 'holds'} {fmt(h['answer'])} s", file=sys.stderr)
    print(f"Budget {seconds:g} s per bound and tool; d = 1..4; one run, this machine.\n")
    print("| bound | true? | stabcheck verdict | first violation (s) | certified verdict printed (s) | exit (s) | Hypothesis verdict "
          "| first violation (s) | answer (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, truth, s, h in rows:
        print(f"| {name} | {'true' if truth else 'false'} | {'refuted' if s['refuted'] else 'holds'} | {fmt(s['first'])} | "
              f"{fmt(s['answer']) if s['refuted'] else '-'} | {fmt(s['wall'])} | {'refuted' if h['refuted'] else 'holds'} | "
              f"{fmt(h['first'])} | {fmt(h['answer'])} |")
    false_rows = [r for r in rows if not r[1]]
    true_rows = [r for r in rows if r[1]]
    for tool, k in (("stabcheck", 2), ("Hypothesis", 3)):
        hit = [r[k] for r in false_rows if r[k]["refuted"]]
        alarms = sum(r[k]["refuted"] for r in true_rows)
        med_first = statistics.median([x["first"] for x in hit if x["first"] is not None]) if hit else None
        med_answer = statistics.median([x["answer"] for x in hit]) if hit else None
        print(f"\n{tool}: refuted {len(hit)} of {len(false_rows)} false bounds within the budget; median time to first "
              f"violation {fmt(med_first)} s, to the answer {fmt(med_answer)} s; false alarms on {alarms} of {len(true_rows)} "
              f"true bounds.", end="")
    print()


if __name__ == "__main__":
    main()
