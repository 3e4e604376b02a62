#!/usr/bin/env python3
"""A second, independent checker of `stabcheck prove` certificates, written from the README section "Certificate
file" alone (exact arithmetic with Python's fractions; no code shared with prove/certificate.cpp).

    python3 prove/independent_check.py CERT.json...     # one line per file; exit 0 when every file is valid

It checks the algebra (expansion of the Gram blocks modulo rotation and transposition against rhs - lhs) and the
PSD-ness of every Gram matrix (exact LDL^T); like cert::check, it does not re-translate `bound`/`where`.
"""
import json, sys
from fractions import Fraction as F
def Q(x):
    if isinstance(x, bool): raise ValueError("bool")
    if isinstance(x, int): return F(x)
    if not isinstance(x, str): raise ValueError("not rational")
    s = x[1:] if x.startswith('-') else x
    p = s.split('/')
    if not (1 <= len(p) <= 2) or not all(t.isdigit() for t in p): raise ValueError("not rational " + x)
    return F(x)
def check(j):
    assert j["format"] == "stabcheck-trace-sohs-certificate" and j["version"] == 1
    rel = j["relation"]; assert rel in ("<=", ">=", "==")
    sym, subst, mhyp, shyp, psdnames = set(), {}, {}, {}, set()
    for m in j["matrices"]:
        n, k = m["name"], m["kind"]
        if k == "sym": sym.add(n)
        elif k == "general": pass
        elif k == "psd":
            psdnames.add(n)
            if m.get("factor") is not None: subst[n] = m["factor"]
            else: sym.add(n); mhyp[n] = [(F(1), (), ((n, False),))]
        else: raise ValueError(k)
    def word(ts):
        w = []
        for t in ts:
            pr = t.endswith("'"); b = t[:-1] if pr else t
            if b in subst: w += [(subst[b], False), (subst[b], True)]
            else: w.append((b, pr and b not in sym))
        return tuple(w)
    def tw(w): return tuple((a, (not p) if a not in sym else False) for a, p in reversed(w))
    def canon(w):
        c = [w[i:] + w[:i] for i in range(max(1, len(w)))] + [tw(w)[i:] + tw(w)[:i] for i in range(max(1, len(w)))]
        return min(c)
    def mono(o):
        o = o or {}
        return tuple(sorted(sum(([k] * v for k, v in o.items()), [])))
    def mm(a, b): return tuple(sorted(a + b))
    def add(P, k, c):
        P[k] = P.get(k, 0) + c
        if P[k] == 0: del P[k]
    def tpoly(ts):
        P = {}
        for t in ts:
            tr = t.get("trace")
            add(P, (mono(t.get("scalars")), tr is not None, canon(word(tr)) if tr is not None else ()), Q(t["coef"]))
        return P
    def mpoly(ts): return [(Q(t["coef"]), mono(t.get("scalars")), word(t["word"])) for t in ts]
    for s in j["scalars"]:
        n, k = s["name"], s["kind"]
        if k == "param":
            lo, hi = s.get("lo"), s.get("hi")
            if lo is not None and hi is not None: assert Q(lo) <= Q(hi)
            if lo is not None: shyp[n + ":lo"] = [(F(1), (n,)), (-Q(lo), ())]
            if hi is not None: shyp[n + ":hi"] = [(Q(hi), ()), (F(-1), (n,))]
        else:
            P = mpoly(s["of"]); assert all(m == () for _, m, _ in P)
            PT = [(c, m, tw(w)) for c, m, w in P]
            if k == "op":
                shyp[n + ":nonneg"] = [(F(1), (n,))]
                mhyp[n + ":sq"] = [(F(1), (n, n), ())] + [(-a * b, (), wa + wb) for a, _, wa in PT for b, _, wb in P]
                mhyp[n + ":sym+"] = [(F(1), (n,), ())] + [(-c / 2, (), w) for c, _, w in P + PT]
                mhyp[n + ":sym-"] = [(F(1), (n,), ())] + [(c / 2, (), w) for c, _, w in P + PT]
            else:
                def coll(X):
                    D = {}
                    for c, m, w in X: add(D, (m, w), c)
                    return D
                assert coll(P) == coll(PT), "of not symmetric"
                mhyp[n] = ([(F(1), (n,), ())] + [(-c, m, w) for c, m, w in P]) if k == "lmax" else (P + [(F(-1), (n,), ())])
                of = s["of"]
                if len(of) == 1 and len(of[0]["word"]) == 1 and of[0]["word"][0] in subst and Q(of[0]["coef"]) == 1:
                    fa = subst[of[0]["word"][0]]; FtF = ((fa, True), (fa, False))
                    mhyp[n + ":swap"] = [(F(1), (n,), ()), (F(-1), (), FtF)] if k == "lmax" else [(F(1), (), FtF), (F(-1), (n,), ())]
                if s.get("nonneg"):
                    assert all(len(t["word"]) == 1 and t["word"][0] in psdnames and Q(t["coef"]) > 0 for t in of) and of
                    shyp[n + ":nonneg"] = [(F(1), (n,))]
    L, R = tpoly(j["lhs"]), tpoly(j["rhs"])
    T = dict(R if rel == "<=" else L)
    for k, c in (L if rel == "<=" else R).items(): add(T, k, -c)
    if j.get("target") is not None: assert tpoly(j["target"]) == T, "target"
    S = {}
    for b in j["blocks"]:
        Sf = {(): F(1)}
        for h in b["scalar_factor"]:
            N = {}
            for m1, c1 in Sf.items():
                for c2, m2 in shyp[h]: add(N, mm(m1, m2), c1 * c2)
            Sf = N
        g = [(F(1), (), ())] if b["matrix_factor"] is None else mhyp[b["matrix_factor"]]
        basis = [(mono(e.get("scalars")), word(e["word"])) for e in b["basis"]]
        G = [[Q(x) for x in row] for row in b["gram"]]
        n = len(basis); assert len(G) == n and all(len(r) == n for r in G)
        assert all(G[i][k] == G[k][i] for i in range(n) for k in range(n)), "not symmetric"
        for i in range(n):
            for k in range(n):
                if G[i][k] == 0: continue
                for c, m, w in g:
                    for sm, sc in Sf.items():
                        if b["traced"]: key = (mm(mm(mm(basis[i][0], basis[k][0]), m), sm), True, canon(tw(basis[i][1]) + w + basis[k][1]))
                        else: key = (mm(mm(basis[i][0], basis[k][0]), sm), False, ())
                        add(S, key, G[i][k] * c * sc)
        A = [r[:] for r in G]
        for p in range(n):
            if A[p][p] < 0: return False, "negative pivot"
            if A[p][p] == 0:
                if any(A[p][q] != 0 for q in range(p + 1, n)): return False, "zero pivot, nonzero row"
                continue
            for i in range(p + 1, n):
                f = A[i][p] / A[p][p]
                for q in range(p + 1, n): A[i][q] -= f * A[p][q]
    if rel == "==" and j["blocks"]: return False, "blocks in identity"
    return (S == T), ("ok" if S == T else "expansion differs")
ok = 0
for f in sys.argv[1:]:
    try: r = check(json.load(open(f)))
    except Exception as e: r = (False, "error " + repr(e))
    print(f, r); ok += r[0]
print(ok, "of", len(sys.argv) - 1, "valid")
sys.exit(0 if ok == len(sys.argv) - 1 else 1)
