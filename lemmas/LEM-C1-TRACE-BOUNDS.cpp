// LEM-C1-TRACE-BOUNDS — Lemma C.1, eq. (11):
//   A positive semidefinite  =>  lambda_max(A) Tr[B] >= Tr[AB] >= lambda_min(A) Tr[B].
// Nothing is assumed about B. Variants: each side, for four classes of B
// (PSD, symmetric indefinite, non-symmetric with PSD symmetric part, arbitrary = as stated).
#include "generators/kit.hpp"

namespace stabcheck::claim_lem_c1_trace_bounds {
namespace {

using gen::Kind;

// Witnesses: certified shrunk counterexamples found by `stabcheck run --claims LEM-C1*` (seed 1), e.g.
//   lower, B general:  A = [[9,-6],[-6,4]], B = [[0,0],[1,0]]: Tr AB = -6 < 0 = lambda_min(A) Tr B.
//   upper, B symmetric indefinite: A = diag(0,1), B = diag(-1,0): Tr AB = 0 > -1 = lambda_max(A) Tr B.
struct BClass { const char* slug; Kind kind; const char* what; const char* upper_witness; const char* lower_witness; };
const BClass kClasses[] = {
    {"B-psd", Kind::Wishart, "B positive semidefinite", "", ""},
    {"B-sym-indefinite", Kind::SymIndefinite, "B symmetric with a negative eigenvalue",
     "LEM-C1-TRACE-BOUNDS/upper.B-sym-indefinite/A-wishart.B-sym-indefinite/1/1/1.0.0.1.1.1.1.1.1.1.1",
     "LEM-C1-TRACE-BOUNDS/lower.B-sym-indefinite/A-wishart.B-sym-indefinite/1/0/"
     "1.2.0.0.0.0.0.0.0.0.0.0.0.0.0.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.3.x0.x0"},
    {"B-nonsym-psd-part", Kind::NonSymPsdPart, "B non-symmetric, symmetric part PSD", "", ""},
    {"B-general", Kind::General, "B arbitrary square (the lemma as stated)",
     "LEM-C1-TRACE-BOUNDS/upper.B-general/A-wishart.B-general/1/1/1.1.2.3.3.6.9.5.9.9.4.8.11.11.3.7.8.10.10.4.5.x1",
     "LEM-C1-TRACE-BOUNDS/lower.B-general/A-wishart.B-general/1/1/"
     "2.3.3.3.3.8.11.11.11.22.3.4.8.8.8.8.14.8.11.3.8.10.5.7.3.5.5.5.5.5.5.5.5.5.5.5.5.5.5.5.6.6.6.6.6.6.6.6.x1.x1.x2"},
};

rc::Gen<Sample> pair_gen(Kind a_kind, Kind b_kind) {
  return rc::gen::mapcat(gen::dim(1, 6), [a_kind, b_kind](int d) {
    auto b = b_kind == Kind::Wishart
                 ? rc::gen::mapcat(rc::gen::inRange(0, int(gen::psd_kinds().size())),
                                   [d](int k) { return gen::matrix(gen::psd_kinds()[size_t(k)], d); })
                 : gen::matrix(b_kind, d);
    return rc::gen::map(rc::gen::pair(gen::scaled(gen::matrix(a_kind, d)), b), [](const std::pair<MatQ, MatQ>& p) {
      Sample s;
      s.mats["A"] = p.first;
      s.mats["B"] = p.second;
      return s;
    });
  });
}

template <bool Upper> auto bound() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> A = s.mat_as<T>("A"), B = s.mat_as<T>("B");
    auto ev = eigvals_sym(A);
    auto trAB = real(trace_prod(A, B));
    auto trB = real(T(B.trace()));
    // rounding errors scale with ||A||_2 * sqrt(d) ||B||_F >= |Tr AB|, |lambda Tr B|; ||A||_2 from the same spectrum
    // (a second eigensolve would double the cost of a sample)
    auto hi = abs(ev.back()), lo = abs(ev.front());
    auto scale = (hi > lo ? hi : lo) * sqrt(real(T(fro2(B) * T(int(B.rows())))));
    if constexpr (Upper) return sides(trAB, ev.back() * trB, scale);   // Tr AB <= lmax(A) Tr B
    else return sides(trAB, ev.front() * trB, scale);                  // Tr AB >= lmin(A) Tr B
  };
}

Claim make() {
  Claim c;
  c.id = "LEM-C1-TRACE-BOUNDS";
  c.source = "Lemma C.1, eq. (11)";
  c.statement = "A positive semidefinite: lambda_max(A) Tr[B] >= Tr[AB] >= lambda_min(A) Tr[B] (nothing assumed about B)";
  for (const auto& bc : kClasses)
    for (Kind ak : gen::psd_kinds())
      c.families.push_back({std::string("A-") + gen::kind_name(ak) + "." + bc.slug,
                            std::string("A ") + gen::kind_name(ak) + " (scaled 10^{0,+-2,+-6}), " + bc.what + ", d = 1..6",
                            pair_gen(ak, bc.kind), gen::drop_coordinate});
  for (const auto& bc : kClasses) {
    std::vector<std::string> fams;
    for (const auto& f : c.families)
      if (f.name.size() > std::string(bc.slug).size() && f.name.compare(f.name.size() - std::string(bc.slug).size(), std::string::npos, bc.slug) == 0)
        fams.push_back(f.name);
    const bool as_stated = std::string(bc.slug) == "B-general";
    const bool holds = std::string(bc.slug) == "B-psd" || std::string(bc.slug) == "B-nonsym-psd-part";
    Variant up;
    up.slug = std::string("upper.") + bc.slug;
    up.statement = "Tr[AB] <= lambda_max(A) Tr[B], " + std::string(bc.what);
    up.rel = Rel::Le;
    up.families = fams;
    up.eval = make_evaluator(bound<true>());
    up.note = as_stated ? "the paper's literal statement (upper half)" : "hypothesis on B probed";
    up.expected = holds ? Verdict::Holds : Verdict::Refuted;
    up.witness = bc.upper_witness;
    Variant lo = up;
    lo.witness = bc.lower_witness;
    lo.slug = std::string("lower.") + bc.slug;
    lo.statement = "Tr[AB] >= lambda_min(A) Tr[B], " + std::string(bc.what);
    lo.rel = Rel::Ge;
    lo.eval = make_evaluator(bound<false>());
    lo.note = as_stated ? "the paper's literal statement (lower half)" : "hypothesis on B probed";
    if (std::string(bc.slug) == "B-psd") {  // trace polynomials with lmax/lmin as scalars: an exact proof is attempted
      up.trace_bound = "tr(A*B) <= lmax(A)*tr(B)";
      lo.trace_bound = "tr(A*B) >= lmin(A)*tr(B)";
      up.trace_where = lo.trace_where = "A: psd, B: psd";
    }
    if (std::string(bc.slug) == "B-nonsym-psd-part") {  // every such B is S + (K - K')/2 with S PSD, K arbitrary
      up.trace_bound = "tr(A*(S + K - K')) <= lmax(A)*tr(S + K - K')";
      lo.trace_bound = "tr(A*(S + K - K')) >= lmin(A)*tr(S + K - K')";
      up.trace_where = lo.trace_where = "A: psd, S: psd, K: general";
    }
    c.variants.push_back(up);
    c.variants.push_back(lo);
  }
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c1_trace_bounds
