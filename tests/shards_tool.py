#!/usr/bin/env python3
"""Helpers of tests/shards.sh (standard library only).

  compare A B              report.{json,md,tex,html} and certificates/ of two report directories agree apart from
                           timing and environment fields (exit 1 with the first differences)
  set-version IN OUT V     a partial result file claiming another stabcheck version
  truncate IN OUT          the first half of a file (a corrupt partial result)
  forge-counterexample IN OUT   one certified counterexample's exact sample changed
  forge-proof IN OUT       one proof certificate's Gram entry changed
"""
import json
import os
import re
import sys

# report.json: fields that measure time or describe the machine and the invocation
IGNORED_TOP = {"started", "command", "seconds", "environment"}
IGNORED_CLAIM = {"seconds"}
IGNORED_FUZZ = {"seconds", "seconds_to_refutation"}


def diff(a, b, path, out):
    if len(out) >= 10:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        ignored = set()
        if path == "":
            ignored = IGNORED_TOP
        elif re.fullmatch(r"/claims/\d+", path):
            ignored = IGNORED_CLAIM
        elif re.fullmatch(r"/claims/\d+/(proof|search)", path) or re.fullmatch(r"/fuzz/\d+/proof", path):
            ignored = {"seconds"}
        elif re.fullmatch(r"/fuzz/\d+", path):
            ignored = IGNORED_FUZZ
        for k in sorted(set(a) | set(b)):
            if k in ignored:
                continue
            if k not in a or k not in b:
                out.append(f"{path}/{k}: only in {'second' if k not in a else 'first'}")
                continue
            diff(a[k], b[k], f"{path}/{k}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} vs {len(b)} entries")
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}/{i}", out)
    elif a != b or type(a) != type(b):
        out.append(f"{path}: {json.dumps(a)[:200]} vs {json.dumps(b)[:200]}")


MASKS = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), "TIME"),
    (re.compile(r"reproduce: `[^`]*`"), "reproduce: CMD"),
    (re.compile(r"\\texttt\{stabcheck [^}]*\}"), r"\\texttt{CMD}"),
    (re.compile(r"<code>stabcheck [^<]*</code>"), "<code>CMD</code>"),
    (re.compile(r"\d+ job\(s\)"), "J job(s)"),
    (re.compile(r"-?\d+(\.\d+)?(e[-+]?\d+)? s\b"), "T s"),
]


FUZZ_ROW_TIME = re.compile(r"^(\| `.*)\| [-0-9.e+]+ \|$", re.M)  # report.md's fuzz table: time to refutation (s)


def masked(text):
    for rx, rep in MASKS:
        text = rx.sub(rep, text)
    return FUZZ_ROW_TIME.sub(r"\1| T |", text)


def compare(a, b):
    problems = []
    ja = json.load(open(os.path.join(a, "report.json")))
    jb = json.load(open(os.path.join(b, "report.json")))
    diff(ja, jb, "", problems)
    for f in ("report.md", "report.tex", "report.html"):
        ta = masked(open(os.path.join(a, f)).read()).splitlines()
        tb = masked(open(os.path.join(b, f)).read()).splitlines()
        if ta != tb:
            for i, (x, y) in enumerate(zip(ta + [""] * len(tb), tb + [""] * len(ta))):
                if x != y:
                    problems.append(f"{f} line {i + 1}: {x[:160]!r} vs {y[:160]!r}")
                    break
    ca, cb = os.path.join(a, "certificates"), os.path.join(b, "certificates")
    la = sorted(os.listdir(ca)) if os.path.isdir(ca) else []
    lb = sorted(os.listdir(cb)) if os.path.isdir(cb) else []
    if la != lb:
        problems.append(f"certificates: {la} vs {lb}")
    else:
        for f in la:
            if open(os.path.join(ca, f), "rb").read() != open(os.path.join(cb, f), "rb").read():
                problems.append(f"certificates/{f} differs")
    if problems:
        print(f"{a} and {b} differ:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"{a} and {b}: same reports ({len(ja['claims'])} variants, {len(la)} certificates) apart from timing and environment")
    return 0


def first_string(x, pred):
    """Path (list of keys) to the first string in x satisfying pred."""
    if isinstance(x, str):
        return [] if pred(x) else None
    items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else []
    for k, v in items:
        p = first_string(v, pred)
        if p is not None:
            return [k] + p
    return None


def set_at(x, path, value):
    for k in path[:-1]:
        x = x[k]
    x[path[-1]] = value


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "compare" and len(argv) == 4:
        return compare(argv[2], argv[3])
    if cmd == "truncate" and len(argv) == 4:
        data = open(argv[2], "rb").read()
        open(argv[3], "wb").write(data[: len(data) // 2])
        return 0
    if cmd in ("set-version", "forge-counterexample", "forge-proof") and len(argv) >= 4:
        j = json.load(open(argv[2]))
        if cmd == "set-version":
            j["version"] = argv[4]
        elif cmd == "forge-counterexample":
            it = next((it for it in j["items"] if it["result"]["certified"]), None)
            if it is None:
                print("no certified counterexample in " + argv[2])
                return 1
            m = next(iter(it["result"]["counterexample"]["sample"]["matrices"].values()))
            m["entries"][0] = "12345/7" if m["entries"][0] != "12345/7" else "1"
        else:
            it = next((it for it in j["items"] if it["certificate"] is not None), None)
            if it is None:
                print("no proof certificate in " + argv[2])
                return 1
            path = first_string(it["certificate"]["blocks"], lambda s: re.fullmatch(r"-?\d+(/\d+)?", s) is not None and s != "0")
            if path is None:
                print("no rational entry in the proof certificate")
                return 1
            set_at(it["certificate"]["blocks"], path, "7777777/3")
        json.dump(j, open(argv[3], "w"), indent=1)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
