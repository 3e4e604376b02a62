#!/usr/bin/env python3
"""Every malformed bound of tests/bounds/malformed.txt through the command line (ctest FuzzCli.MalformedBounds).

`stabcheck fuzz BOUND --where WHERE --out DIR` must exit 2, print on stderr a first line
`stabcheck: error: column N: ...` that names the file's column (when it gives one) and contains its message, print
nothing on stdout and leave DIR unwritten (README, "The bound language"). The parser's side of the same file is
tests/test_fuzz_parser.cpp (FuzzParser.ErrorsNameColumnExpectedAndFound).

usage: malformed_cli.py STABCHECK MALFORMED_TXT SCRATCH_DIR
"""
import os
import shutil
import subprocess
import sys


def cases(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split(" | ")
            if len(fields) != 4:
                raise SystemExit(f"{path}:{n}: not 4 fields: {line}")
            yield n, int(fields[0]), fields[1], fields[2], fields[3]


def main():
    stabcheck, table, scratch = sys.argv[1:4]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    failures, count = [], 0
    for n, column, bound, where, message in cases(table):
        count += 1
        out = os.path.join(scratch, f"case{n}")
        p = subprocess.run([stabcheck, "fuzz", bound, "--where", where, "--out", out],
                           capture_output=True, text=True, timeout=60)
        first = p.stderr.split("\n", 1)[0]
        prefix = "stabcheck: error: " + (f"column {column}: " if column else "")
        why = []
        if p.returncode != 2:
            why.append(f"exit {p.returncode}, not 2")
        if not first.startswith(prefix):
            why.append(f"first line does not start with '{prefix}'")
        if message not in first:
            why.append(f"first line does not contain '{message}'")
        if p.stdout:
            why.append("wrote to stdout")
        if os.path.exists(out):
            why.append(f"created {out}")
        if why:
            failures.append(f"{table}:{n}: {bound!r} --where {where!r}: {'; '.join(why)}\n  stderr: {p.stderr!r}")
    if count < 29:
        failures.append(f"{table}: {count} cases, expected at least 29")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{count - len(failures)}/{count} malformed bounds rejected as documented")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
