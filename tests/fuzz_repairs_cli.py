#!/usr/bin/env python3
"""No lost answer (issue 35): every bound of tests/bounds/*.bounds, every bound of the README's `stabcheck fuzz '...'`
examples and the bounds below go through the full `stabcheck fuzz` with repairs on, and for each the command writes
report.json and exits with the code of its verdict: 0, or 1 when a verdict differs from the `expect` of its file line;
never 2 (bad input) after a verdict. A certified refutation has its repair stage done (not failed), and every repair
tried is a stronger hypothesis that the bound accepts: its declarations re-parse with the bound (the run did them).

usage: fuzz_repairs_cli.py STABCHECK SOURCE_DIR SCRATCH_DIR
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

# Refutations whose naive repairs re-declared a PSD variable as a signed diagonal (the parser then refused sqrtm, real
# powers and logm of it, and the verdict was lost), and one whose repairs used to list 'B: diag'.
COMMAND_LINE = [
    ("fro(sqrtm(A) - sqrtm(B))^2 <= 0.99*nuc(A - B)", "A: psd, B: psd"),
    ("tr(A^(1/2)*B^(1/2)) >= 1.01*tr(A*B)^(1/2)", "A: psd, B: psd"),
    ("tr(A*B) <= 0.5*lmax(A)*tr(B)", "A: psd, B: psd"),
]
FLAGS = ["--samples", "6", "--dims", "1..3", "--seed", "1", "--jobs", "1"]


def readme_bounds(source):
    """The README's one-bound examples: `stabcheck fuzz 'BOUND' --where 'DECLS'` (not --replay lines)."""
    out = []
    with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
        for line in f:
            m = re.search(r"stabcheck fuzz '([^']+)' --where '([^']+)'", line)
            if m and "--replay" not in line and (m.group(1), m.group(2)) not in out:
                out.append((m.group(1), m.group(2)))
    return out


def run(cmd, out):
    shutil.rmtree(out, ignore_errors=True)
    p = subprocess.run(cmd + ["--out", out], capture_output=True, text=True, timeout=900)
    report = os.path.join(out, "report.json")
    if not os.path.exists(report):
        return p, None
    with open(report, encoding="utf-8") as f:
        return p, json.load(f)


def problems_of(entry):
    why = []
    if entry["verdict"] == "refuted" and entry.get("certified"):
        stage = entry.get("repair_stage", {})
        if stage.get("status") != "done":
            why.append(f"repair stage {stage or 'missing'} after a certified refutation")
    if entry.get("repair_stage", {}).get("status") == "failed":
        why.append("repair stage failed: " + entry["repair_stage"]["why"])
    return why


def main(stabcheck, source, scratch):
    os.makedirs(scratch, exist_ok=True)
    failures, runs, refuted = [], 0, 0
    for path in sorted(glob.glob(os.path.join(source, "tests", "bounds", "*.bounds"))):
        name = os.path.basename(path)
        p, report = run([stabcheck, "fuzz", "--file", path, "--repair"] + FLAGS, os.path.join(scratch, name))
        runs += 1
        if report is None:
            failures.append(f"{name}: no report.json (exit {p.returncode}): {p.stderr.strip().splitlines()[-1:]}")
            continue
        entries = report["fuzz"]
        differ = [e for e in entries if e["expected"] != "none" and e["verdict"] != e["expected"]]
        if p.returncode != (1 if differ else 0):
            failures.append(f"{name}: exit {p.returncode} but {len(differ)} verdict(s) differ from their expectation")
        for e in entries:
            refuted += e["verdict"] == "refuted"
            failures += [f"{name}: {e['bound']}: {w}" for w in problems_of(e)]
    bounds = COMMAND_LINE + readme_bounds(source)
    for k, (bound, where) in enumerate(bounds):
        p, report = run([stabcheck, "fuzz", bound, "--where", where] + FLAGS, os.path.join(scratch, f"cli-{k}"))
        runs += 1
        if report is None or p.returncode != 0:
            failures.append(f"'{bound}' [{where}]: exit {p.returncode}, report {'written' if report else 'missing'}: "
                            f"{p.stderr.strip().splitlines()[-1:]}")
            continue
        e = report["fuzz"][0]
        refuted += e["verdict"] == "refuted"
        failures += [f"'{bound}': {w}" for w in problems_of(e)]
        for t in e.get("repairs", []):
            if where.count(":") != t["where"].count(":"):
                failures.append(f"'{bound}': repair '{t['change']}' changed the declarations to '{t['where']}'")
    if COMMAND_LINE and refuted < len(COMMAND_LINE):
        failures.append(f"only {refuted} refutation(s) in all runs: the cases above are false bounds")
    for f in failures:
        print("FAIL", f)
    print(f"{runs} fuzz runs ({len(bounds)} command-line bounds), {refuted} refutations, {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    sys.exit(main(*sys.argv[1:]))
