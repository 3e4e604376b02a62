// LEM-C2-CYCLIC — Lemma C.2, eq. (12):
//   For matrices A, B, C:  Tr[ABC] = Tr[BCA] = Tr[CAB].
// Checked as exact rational equalities (Rel::Eq), each equality on its own, for square n x n triples
// and for conformable rectangular triples A (m x p), B (p x q), C (q x m) (then ABC, BCA, CAB are
// m x m, p x p, q x q). Dimensions 1..5, entries small integers scaled by 10^{0,+-2,+-6}.
#include "generators/kit.hpp"
#include "generators/products.hpp"

namespace stabcheck::claim_lem_c2_cyclic {
namespace {

rc::Gen<Sample> triple(rc::Gen<std::vector<MatQ>> g) {
  return rc::gen::map(std::move(g), [](const std::vector<MatQ>& m) {
    Sample s;
    s.mats["A"] = m[0];
    s.mats["B"] = m[1];
    s.mats["C"] = m[2];
    return s;
  });
}

/// Tr[ABC] == trace of the product rotated by `shift` (1: BCA, 2: CAB).
auto rotated(int shift) {
  return [shift](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const std::vector<Mat<T>> m = {s.mat_as<T>("A"), s.mat_as<T>("B"), s.mat_as<T>("C")};
    auto tr = [&m](int r) { return real(T(gen::product(std::vector<Mat<T>>{m[r % 3], m[(r + 1) % 3], m[(r + 2) % 3]}).trace())); };
    // rounding errors scale with ||A||_F ||B||_F ||C||_F >= |Tr ABC|, not with |Tr ABC| (which may cancel to 0)
    auto scale = sqrt(real(T(fro2(m[0]) * fro2(m[1]) * fro2(m[2]))));
    return sides(tr(0), tr(shift), scale);
  };
}

Claim make() {
  Claim c;
  c.id = "LEM-C2-CYCLIC";
  c.source = "Lemma C.2, eq. (12)";
  c.statement = "For matrices A, B, C: Tr[ABC] = Tr[BCA] = Tr[CAB]";
  c.families.push_back({"square", "A, B, C n x n, n = 1..5, integer entries scaled 10^{0,+-2,+-6}",
                        triple(gen::square_chain(gen::Shape::General, 3, 3, 1, 5))});
  c.families.push_back({"rectangular", "A m x p, B p x q, C q x m, m, p, q = 1..5 independently, integer entries scaled",
                        triple(gen::cyclic_chain(3, 1, 5))});
  const struct { const char* slug; int shift; const char* rhs; } eqs[] = {{"abc-bca", 1, "Tr[BCA]"}, {"abc-cab", 2, "Tr[CAB]"}};
  for (const auto& e : eqs)
    for (const auto& f : c.families) {
      Variant v;
      v.slug = std::string(e.slug) + "." + f.name;
      v.statement = std::string("Tr[ABC] = ") + e.rhs + " (" + f.name + " A, B, C)";
      v.rel = Rel::Eq;
      v.families = {f.name};
      v.eval = make_evaluator(rotated(e.shift));
      v.note = "exact rational equality";
      v.expected = Verdict::Holds;
      if (f.name == "square") {  // an identity of trace words: proved by cyclic equivalence (stabcheck prove)
        v.trace_bound = std::string("tr(A*B*C) == ") + (e.shift == 1 ? "tr(B*C*A)" : "tr(C*A*B)");
        v.trace_where = "A, B, C: general";
      }
      c.variants.push_back(v);
    }
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c2_cyclic
