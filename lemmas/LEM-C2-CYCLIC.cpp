// LEM-C2-CYCLIC — Lemma C.2, eq. (12):
//   For matrices A, B, C:  Tr[ABC] = Tr[BCA] = Tr[CAB].
// Checked as exact rational equalities (Rel::Eq), each equality on its own, for square n x n triples
// and for conformable rectangular triples A (m x p), B (p x q), C (q x m) (then ABC, BCA, CAB are
// m x m, p x p, q x q). Dimensions 1..5, entries small integers scaled by 10^{0,+-2,+-6}.
#include "generators/kit.hpp"
#include "generators/lem_matrix_samples.hpp"
#include "generators/products.hpp"

namespace stabcheck::claim_lem_c2_cyclic {
namespace {

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

/// The two equalities; each is checked on each family. On square triples it is an identity of trace words, proved by
/// cyclic equivalence (stabcheck prove): `word` is the rotated trace in the bound language.
struct Equality { const char* slug; int shift; const char* rhs; const char* word; const char* check; };
const Equality kEqualities[] = {{"abc-bca", 1, "Tr[BCA]", "tr(B*C*A)", "(12).1"}, {"abc-cab", 2, "Tr[CAB]", "tr(C*A*B)", "(12).2"}};

Claim make() {
  Claim c{
      .id = "LEM-C2-CYCLIC", .source = "Lemma C.2, eq. (12)",
      .statement = "For matrices A, B, C: Tr[ABC] = Tr[BCA] = Tr[CAB]",
      .families = {
          {.name = "square", .description = "A, B, C n x n, n = 1..5, integer entries scaled 10^{0,+-2,+-6}",
           .gen = gen::lem_abc_triple(gen::square_chain(gen::Shape::General, 3, 3, 1, 5))},
          {.name = "rectangular", .description = "A m x p, B p x q, C q x m, m, p, q = 1..5 independently, integer entries scaled",
           .gen = gen::lem_abc_triple(gen::cyclic_chain(3, 1, 5))},
      },
  };
  for (const auto& e : kEqualities)
    for (const std::string f : {"square", "rectangular"}) {
      const bool square = f == "square";
      c.variants.push_back({.slug = std::string(e.slug) + "." + f,
                            .statement = std::string("Tr[ABC] = ") + e.rhs + " (" + f + " A, B, C)",
                            .rel = Rel::Eq,
                            .eval = make_evaluator(rotated(e.shift)),
                            .note = "exact rational equality",
                            .families = {f},
                            .trace_bound = square ? std::string("tr(A*B*C) == ") + e.word : std::string(),
                            .trace_where = square ? "A, B, C: general" : "",
                            .checks = {e.check}});
    }
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c2_cyclic
