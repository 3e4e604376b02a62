#!/usr/bin/env python3
"""Data files of bounds that the command line must reject, run case by case (ctest FuzzCli.MalformedBounds and
ProveCli.OutsideTheFragment). Both files are also read by the in-process tests, so the library and the command line
are held to the same cases.

  malformed  tests/bounds/malformed.txt, `column | bound | where | part of the message` (column 0: not checked):
             `stabcheck fuzz BOUND --where WHERE --out DIR` exits 2 and the first line on stderr is
             `stabcheck: error: column N: ...` containing the message (tests/test_fuzz_parser.cpp reads it too).
  outside    tests/bounds/outside_fragment.txt, `bound | where | part of the message`:
             `stabcheck prove BOUND --where WHERE --out FILE` exits 1 and prints the one line
             `outside the fragment: ...` containing the message (tests/test_prove.cpp reads it too).
In both modes nothing may be written: no --out, and nothing on the other stream (README, "The bound language" and
"Proofs").

usage: bounds_cli.py malformed|outside STABCHECK FILE SCRATCH_DIR
"""
import os
import shutil
import subprocess
import sys

MODES = {"malformed": 4, "outside": 3}


def cases(path, fields):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split(" | ")
            if len(parts) != fields:
                raise SystemExit(f"{path}:{n}: {len(parts)} fields, not {fields}")
            yield n, parts


def check(mode, stabcheck, fields, out):
    """What is wrong with the command line's answer to one case (empty: nothing)."""
    if mode == "malformed":
        column, bound, where, message = fields
        cmd = [stabcheck, "fuzz", bound, "--where", where, "--out", out]
        code, first_of, quiet = 2, "stderr", "stdout"
        prefix = "stabcheck: error: " + (f"column {column}: " if int(column) else "")
    else:
        bound, where, message = fields
        cmd = [stabcheck, "prove", bound, "--where", where, "--out", out]
        code, first_of, quiet = 1, "stdout", "stderr"
        prefix = "outside the fragment: "
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    said = {"stdout": p.stdout, "stderr": p.stderr}
    first = said[first_of].split("\n", 1)[0]
    why = []
    if p.returncode != code:
        why.append(f"exit {p.returncode}, not {code}")
    if not first.startswith(prefix):
        why.append(f"first line of {first_of} does not start with '{prefix}'")
    if message not in first:
        why.append(f"first line of {first_of} does not contain '{message}'")
    if mode == "outside" and said[first_of].count("\n") != 1:
        why.append(f"{first_of} is not one line")
    if said[quiet]:
        why.append(f"wrote to {quiet}")
    if os.path.exists(out):
        why.append(f"created {out}")
    return why, p


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in MODES:
        raise SystemExit(__doc__.rsplit("usage: ", 1)[1].strip())
    mode, stabcheck, table, scratch = sys.argv[1:5]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    failures, count = [], 0
    for n, fields in cases(table, MODES[mode]):
        count += 1
        why, p = check(mode, stabcheck, fields, os.path.join(scratch, f"case{n}"))
        if why:
            failures.append(f"{table}:{n}: {' | '.join(fields)}: {'; '.join(why)}\n"
                            f"  stdout: {p.stdout!r}\n  stderr: {p.stderr!r}")
    if count == 0:
        failures.append(f"{table}: no cases")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{mode}: {count - len(failures)}/{count} cases answered as documented")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
