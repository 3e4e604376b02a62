// LEM-C4-PASCAL — Lemma C.4 (eq. after "Binomial coefficient"):
//   for all n, k in N with k <= n:  C(n, k) = C(n-1, k-1) + C(n-1, k).
// The paper says neither whether 0 is in N nor what C(a, b) means outside 0 <= b <= a. Checked with exact
// big integers on 0 <= k <= n <= 200 under two conventions:
//   (a) C(a, b) = 0 unless 0 <= b <= a;
//   (b) generalised binomial for integer a: C(a, b) = a (a-1) ... (a-b+1) / b! for b >= 0, 0 for b < 0
//       (so C(-1, 0) = 1, C(-1, -1) = 0).
// The two differ only when n - 1 < 0, i.e. at (n, k) = (0, 0), which is reported explicitly, as are k = 0
// and k = n. Where the lemma is used ((62)) the indices satisfy 1 <= r <= k-1.
#include "generators/kit.hpp"

namespace stabcheck::claim_lem_c4_pascal {
namespace {

Int binom(long a, long b, bool generalised) {
  if (b < 0 || (!generalised && b > a)) return 0;
  Int num = 1, den = 1;
  for (long i = 0; i < b; ++i) {
    num *= Int(a - i);
    den *= Int(i + 1);
  }
  return num / den;  // exact: the falling factorial is divisible by b!
}

rc::Gen<Sample> nk(rc::Gen<std::pair<int, int>> g) {
  return rc::gen::map(std::move(g), [](const std::pair<int, int>& p) {
    Sample s;
    s.ints["n"] = p.first;
    s.ints["k"] = p.second;
    return s;
  });
}
/// n in [lo, hi] (shrinks toward lo), then k = pick(n) or 0 <= k <= n (shrinks toward 0).
rc::Gen<Sample> random_nk(int lo, int hi) {
  return nk(rc::gen::mapcat(gen::dim(lo, hi), [](int n) {
    return rc::gen::map(rc::gen::inRange(0, n + 1), [n](int k) { return std::make_pair(n, k); });
  }));
}
rc::Gen<Sample> edge_nk(int lo, bool k_is_n) {
  return nk(rc::gen::map(gen::dim(lo, 200), [k_is_n](int n) { return std::make_pair(n, k_is_n ? n : 0); }));
}

auto pascal(bool generalised) {
  return [generalised](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const long n = s.integer("n"), k = s.integer("k");
    auto as_real = [](const Int& z) { return real_of<T>(Rat(z)); };
    return sides(as_real(binom(n, k, generalised)), as_real(binom(n - 1, k - 1, generalised) + binom(n - 1, k, generalised)));
  };
}

/// n in [lo, 200] with 0 <= k <= n, n in [lo, 3], k = 0 and k = n: lo = 0 (N including 0) or 1 (suffix ".n-ge-1").
std::vector<Family> families() {
  std::vector<Family> fs;
  for (int lo : {0, 1}) {
    const std::string sfx = lo ? ".n-ge-1" : "";
    const std::string range = lo ? "1 <= n <= 200" : "0 <= n <= 200";
    fs.push_back({.name = "random" + sfx, .description = "0 <= k <= n, " + range, .gen = random_nk(lo, 200)});
    fs.push_back({.name = "small" + sfx, .description = "0 <= k <= n, " + std::to_string(lo) + " <= n <= 3", .gen = random_nk(lo, 3)});
    fs.push_back({.name = "k-eq-0" + sfx, .description = "k = 0, " + range, .gen = edge_nk(lo, false)});
    fs.push_back({.name = "k-eq-n" + sfx, .description = "k = n, " + range, .gen = edge_nk(lo, true)});
  }
  fs.push_back({.name = "origin", .description = "(n, k) = (0, 0)", .gen = nk(rc::gen::just(std::make_pair(0, 0)))});
  return fs;
}

/// Convention x domain: the lemma as stated, the repaired domain n >= 1, and the edge cases reported explicitly;
/// `checks`: the derivation ids each checks where it stands ((13) the lemma, (62)c its use in C.9).
struct Case {
  const char* slug; bool generalised; std::vector<std::string> fams; const char* domain; const char* note;
  std::vector<std::string> checks;
};
const std::vector<std::string> kAll = {"random", "small", "k-eq-0", "k-eq-n", "origin"};
const std::vector<std::string> kPos = {"random.n-ge-1", "small.n-ge-1", "k-eq-0.n-ge-1", "k-eq-n.n-ge-1"};
const std::vector<std::string> kLemma = {"(13)"}, kLemmaAndUse = {"(13)", "(62)c"};
const Case kCases[] = {
    {"a.as-stated", false, kAll, "0 <= k <= n <= 200", "the lemma as stated, N including 0, convention (a)", kLemma},
    {"a.n-ge-1", false, kPos, "0 <= k <= n, 1 <= n <= 200", "repaired: N = {1, 2, ...} for n (0 <= k allowed), convention (a)", {}},
    {"a.origin", false, {"origin"}, "(n, k) = (0, 0)", "edge case reported explicitly", {}},
    {"a.k-eq-0", false, {"k-eq-0.n-ge-1"}, "k = 0, 1 <= n <= 200", "edge case reported explicitly", {}},
    {"a.k-eq-n", false, {"k-eq-n.n-ge-1"}, "k = n, 1 <= n <= 200", "edge case reported explicitly", {}},
    {"b.as-stated", true, kAll, "0 <= k <= n <= 200", "the lemma as stated, N including 0, convention (b)", kLemmaAndUse},
    {"b.origin", true, {"origin"}, "(n, k) = (0, 0)", "edge case reported explicitly", kLemmaAndUse},
    {"b.k-eq-0", true, {"k-eq-0"}, "k = 0, 0 <= n <= 200", "edge case reported explicitly", kLemmaAndUse},
    {"b.k-eq-n", true, {"k-eq-n"}, "k = n, 0 <= n <= 200", "edge case reported explicitly", kLemmaAndUse},
};

Claim make() {
  Claim c{
      .id = "LEM-C4-PASCAL", .source = "Lemma C.4 (eq. after \"Binomial coefficient\")",
      .statement = "For all n, k in N with k <= n: C(n, k) = C(n-1, k-1) + C(n-1, k)",
      .readings = {{.name = "(a)", .text = "C(a, b) = 0 unless 0 <= b <= a"},
                   {.name = "(b)", .text = "generalised binomial C(a, b) for integer a (e.g. C(-1, 0) = 1, C(-1, -1) = 0)"}},
      .families = families(),
  };
  for (const auto& k : kCases)
    c.variants.push_back({.slug = k.slug,
                          .statement = std::string("C(n, k) = C(n-1, k-1) + C(n-1, k) for ") + k.domain + ", convention " +
                                       (k.generalised ? "(b) generalised binomial" : "(a) C(a, b) = 0 unless 0 <= b <= a"),
                          .rel = Rel::Eq,
                          .eval = make_evaluator(pascal(k.generalised)),
                          .note = k.note,
                          .families = k.fams,
                          .checks = k.checks});
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c4_pascal
