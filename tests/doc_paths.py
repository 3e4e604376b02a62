#!/usr/bin/env python3
"""Every document of the repository refers only to files in the repository (README, "Layout").

Reads every *.md below the source tree and every path it names that starts at a top folder of the project (core/,
theorems/, tests/, ...): each must exist, as a file or a folder. Folders that .gitignore names (build trees, the
report that ./dev report writes) are not the project's: neither read nor counted as top folders. Not checked:
patterns (`*`, `{json,md}`), placeholders (`ID`, `<...>`, the example claim LEM-CX-EXAMPLE of core/README.md) and build outputs named by their
source (`fuzz/libfuzzer/bound_parser_fuzzer` for bound_parser_fuzzer.cpp). Prints each missing path with its file and
line; exit 1 if there is one.  Usage: doc_paths.py SOURCE_DIR
"""
import fnmatch
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
ignored = [".git"]
if os.path.exists(os.path.join(root, ".gitignore")):
    with open(os.path.join(root, ".gitignore"), encoding="utf-8") as fh:
        ignored += [g.strip().rstrip("/") for g in fh if g.strip().endswith("/") and not g.startswith("#")]


def outside(name):
    return any(fnmatch.fnmatch(name, g) for g in ignored)


tops = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)) and not outside(d))
path = re.compile(r"(?<![\w./-])((?:%s)/[\w./+-]*[\w/])" % "|".join(map(re.escape, tops)))
placeholder = re.compile(r"(^|/)(ID|LEM-CX-EXAMPLE)(\.\w+)?$|[*<>]")

docs = []
for d, subdirs, files in os.walk(root):
    subdirs[:] = [s for s in subdirs if not outside(s)]
    docs += [os.path.join(d, f) for f in files if f.endswith(".md")]

missing = 0
for doc in sorted(docs):
    with open(doc, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            for m in path.finditer(line):
                p = m.group(1).rstrip("/.")
                if placeholder.search(p) or re.match(r"[\w.]*[*{]", line[m.end():]):  # a pattern: x.*, x.{json,md}
                    continue
                full = os.path.join(root, p)
                if not (os.path.exists(full) or os.path.exists(full + ".cpp")):
                    print(f"{os.path.relpath(doc, root)}:{n}: {p} is not in the repository")
                    missing += 1
print(f"{len(docs)} documents read, {missing} missing path(s)")
sys.exit(1 if missing else 0)
