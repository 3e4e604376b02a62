// LEM-C1-TRACE-BOUNDS — Lemma C.1, eq. (11):
//   A positive semidefinite  =>  lambda_max(A) Tr[B] >= Tr[AB] >= lambda_min(A) Tr[B].
// Nothing is assumed about B. Variants: each side, for four classes of B
// (PSD, symmetric indefinite, non-symmetric with PSD symmetric part, arbitrary = as stated).
#include "generators/kit.hpp"
#include "generators/lem_matrix_samples.hpp"

namespace stabcheck::claim_lem_c1_trace_bounds {
namespace {

using gen::Kind;

// Certified shrunk counterexamples the suite finds (ledger: tests/expectations/LEM-C1-TRACE-BOUNDS.json), e.g.
//   lower, B general:  A = [[9,-6],[-6,4]], B = [[0,0],[1,0]]: Tr AB = -6 < 0 = lambda_min(A) Tr B.
//   upper, B symmetric indefinite: A = diag(0,1), B = diag(-1,0): Tr AB = 0 > -1 = lambda_max(A) Tr B.
// Where a class makes both halves trace polynomials with lmax/lmin as scalars, an exact proof is attempted (trace
// forms below); every B with PSD symmetric part is S + (K - K')/2 with S PSD, K arbitrary.
struct BClass { const char* slug; Kind kind; const char* what; const char* upper_bound; const char* lower_bound; const char* where; };
const BClass kClasses[] = {
    {"B-psd", Kind::Wishart, "B positive semidefinite", "tr(A*B) <= lmax(A)*tr(B)", "tr(A*B) >= lmin(A)*tr(B)", "A: psd, B: psd"},
    {"B-sym-indefinite", Kind::SymIndefinite, "B symmetric with a negative eigenvalue", "", "", ""},
    {"B-nonsym-psd-part", Kind::NonSymPsdPart, "B non-symmetric, symmetric part PSD", "tr(A*(S + K - K')) <= lmax(A)*tr(S + K - K')",
     "tr(A*(S + K - K')) >= lmin(A)*tr(S + K - K')", "A: psd, S: psd, K: general"},
    {"B-general", Kind::General, "B arbitrary square (the lemma as stated)", "", "", ""},
};

/// Family name of A of kind `a` with B of class `bc`.
std::string family_name(Kind a, const BClass& bc) { return std::string("A-") + gen::kind_name(a) + "." + bc.slug; }

auto bound(bool upper) {  // both bounds in one body, compiled once per tier
  return [upper](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> A = s.mat_as<T>("A"), B = s.mat_as<T>("B");
    auto ev = eigvals_sym(A);
    auto trAB = real(trace_prod(A, B));
    auto trB = real(T(B.trace()));
    // rounding errors scale with ||A||_2 * sqrt(d) ||B||_F >= |Tr AB|, |lambda Tr B|; ||A||_2 from the same spectrum
    // (a second eigensolve would double the cost of a sample)
    auto hi = abs(ev.back()), lo = abs(ev.front());
    auto scale = (hi > lo ? hi : lo) * sqrt(real(T(fro2(B) * T(int(B.rows())))));
    if (upper) return sides(trAB, ev.back() * trB, scale);   // Tr AB <= lmax(A) Tr B
    else return sides(trAB, ev.front() * trB, scale);                  // Tr AB >= lmin(A) Tr B
  };
}

/// The two halves of (11), each checked on its own: upper first.
struct Half { const char* name; bool upper; Rel rel; const char* inequality; const char* check; };
const Half kHalves[] = {{"upper", true, Rel::Le, "Tr[AB] <= lambda_max(A) Tr[B], ", "(11).1"},
                        {"lower", false, Rel::Ge, "Tr[AB] >= lambda_min(A) Tr[B], ", "(11).2"}};

Claim make() {
  Claim c{
      .id = "LEM-C1-TRACE-BOUNDS", .source = "Lemma C.1, eq. (11)",
      .statement = "A positive semidefinite: lambda_max(A) Tr[B] >= Tr[AB] >= lambda_min(A) Tr[B] (nothing assumed about B)",
  };
  for (const auto& bc : kClasses)
    for (Kind ak : gen::psd_kinds())
      c.families.push_back({.name = family_name(ak, bc),
                            .description = std::string("A ") + gen::kind_name(ak) + " (scaled 10^{0,+-2,+-6}), " + bc.what + ", d = 1..6",
                            .gen = gen::lem_trace_pair(ak, bc.kind),
                            .reduce = gen::drop_coordinate});
  for (const auto& bc : kClasses) {
    std::vector<std::string> fams;
    for (Kind ak : gen::psd_kinds()) fams.push_back(family_name(ak, bc));
    const bool as_stated = std::string(bc.slug) == "B-general";
    for (const auto& h : kHalves)
      c.variants.push_back({.slug = std::string(h.name) + "." + bc.slug,
                            .statement = h.inequality + std::string(bc.what),
                            .rel = h.rel,
                            .eval = make_evaluator(bound(h.upper)),
                            .note = as_stated ? std::string("the paper's literal statement (") + h.name + " half)" : "hypothesis on B probed",
                            .families = fams,
                            .trace_bound = h.upper ? bc.upper_bound : bc.lower_bound,
                            .trace_where = bc.where,
                            .checks = {h.check}});
  }
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c1_trace_bounds
