#!/usr/bin/env python3
"""Every document of the repository refers only to files in the repository (README, "Layout").

Reads every *.md below the source tree (not build trees) and every path it names that starts at a top folder of the
project (core/, theorems/, tests/, ...): each must exist, as a file or a folder. Not checked: patterns (`*`),
placeholders (`ID`, `<...>`, the example claim LEM-CX-EXAMPLE of core/README.md) and build outputs named by their
source (`fuzz/libfuzzer/bound_parser_fuzzer` for bound_parser_fuzzer.cpp). Prints each missing path with its file and
line; exit 1 if there is one.  Usage: doc_paths.py SOURCE_DIR
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
tops = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)) and not d.startswith(".git")
              and not d.startswith("build"))
path = re.compile(r"(?<![\w./-])((?:%s)/[\w./+-]*[\w/])" % "|".join(map(re.escape, tops)))
placeholder = re.compile(r"(^|/)(ID|LEM-CX-EXAMPLE)(\.\w+)?$|[*<>]")

docs = []
for d, subdirs, files in os.walk(root):
    subdirs[:] = [s for s in subdirs if not s.startswith((".git", "build"))]
    docs += [os.path.join(d, f) for f in files if f.endswith(".md")]

missing = 0
for doc in sorted(docs):
    with open(doc, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            for m in path.finditer(line):
                p = m.group(1).rstrip("/.")
                if placeholder.search(p) or line[m.end():m.end() + 1] == "*":
                    continue
                full = os.path.join(root, p)
                if not (os.path.exists(full) or os.path.exists(full + ".cpp")):
                    print(f"{os.path.relpath(doc, root)}:{n}: {p} is not in the repository")
                    missing += 1
print(f"{len(docs)} documents read, {missing} missing path(s)")
sys.exit(1 if missing else 0)
