#include "fuzz/repair.hpp"
#include "fuzz/ast.hpp"
#include <algorithm>
#include <map>

namespace stabcheck::fuzz {
namespace {

/// The kinds that strictly imply k (every matrix of such a kind is of kind k), weakest first. Only implications: a
/// repair is a stronger hypothesis, never a different one (a signed diagonal is not a PSD matrix).
std::vector<Kind> stronger(Kind k) {
  switch (k) {
    case Kind::General: return {Kind::Sym, Kind::Psd, Kind::Diag, Kind::Pd, Kind::PsdDiag, Kind::RankOne};
    case Kind::Sym: return {Kind::Psd, Kind::Diag, Kind::Pd, Kind::PsdDiag, Kind::RankOne};
    case Kind::Psd: return {Kind::Pd, Kind::PsdDiag, Kind::RankOne};
    case Kind::PsdRank: return {Kind::RankOne};
    case Kind::Diag: return {Kind::PsdDiag};
    default: return {};
  }
}

/// a implies b: every matrix of kind a is of kind b.
bool implies(Kind a, Kind b) {
  const auto st = stronger(b);
  return a == b || std::find(st.begin(), st.end(), a) != st.end();
}

std::string decl_text(const Decl& d) {
  std::string name = d.count.empty() ? d.name : d.name + "[1.." + d.count + "]";
  switch (d.kind) {
    case Kind::PsdRank: return name + ": psd rank " + std::to_string(d.rank);
    case Kind::Scalar: return name + ": scalar in [" + rat_str(d.lo) + ", " + rat_str(d.hi) + "]";
    case Kind::Int: return name + ": int in [" + rat_str(d.lo) + ", " + rat_str(d.hi) + "]";
    default: return name + ": " + kind_name(d.kind);
  }
}

std::string where_text(const std::vector<Decl>& ds) {
  std::string out;
  for (const auto& d : ds) out += (out.empty() ? "" : ", ") + decl_text(d);
  return out;
}

/// The two halves of a scalar's range, or of an int's (empty when the range is one point).
std::vector<std::pair<Rat, Rat>> sub_ranges(const Decl& d) {
  if (!(d.lo < d.hi)) return {};
  if (d.kind == Kind::Scalar) {
    const Rat mid = (d.lo + d.hi) / 2;
    return {{d.lo, mid}, {mid, d.hi}};
  }
  if (d.kind == Kind::Int) {  // [lo, m] and [m + 1, hi], m = floor((lo + hi) / 2)
    const Int lo = numerator(d.lo), hi = numerator(d.hi);
    Int m = lo + (hi - lo) / 2;
    return {{Rat(lo), Rat(m)}, {Rat(m + 1), Rat(hi)}};
  }
  return {};
}

}  // namespace

std::vector<Spec> stronger_hypotheses(const Spec& spec, const Options& opt, std::vector<std::string>* changes) {
  std::vector<Spec> out;
  auto add = [&](const std::vector<Decl>& ds, std::optional<std::pair<int, int>> dims, std::string change) {
    Spec s = spec;
    s.where = where_text(ds);
    if (dims) s.dims = dims;
    try {  // only hypotheses the bound's atoms accept (a variable under sqrtm stays PSD)
      parse_bound(s.text, s.where);
    } catch (const ParseError&) {
      return;
    }
    if (changes) changes->push_back(std::move(change));
    out.push_back(std::move(s));
  };
  const std::vector<Decl> decls = parse_where(spec.where);
  for (size_t i = 0; i < decls.size(); ++i) {
    for (Kind k : stronger(decls[i].kind)) {
      std::vector<Decl> ds = decls;
      ds[i].kind = k;
      add(ds, std::nullopt, decl_text(ds[i]));
    }
    for (const auto& [lo, hi] : sub_ranges(decls[i])) {
      std::vector<Decl> ds = decls;
      ds[i].lo = lo;
      ds[i].hi = hi;
      add(ds, std::nullopt, decl_text(ds[i]));
    }
  }
  // every matrix at once (the usual repair needs two hypotheses: A and B psd)
  for (Kind k : {Kind::Sym, Kind::Psd, Kind::Pd}) {
    std::vector<Decl> ds = decls;
    int changed = 0;
    for (auto& d : ds) {
      if (!d.is_matrix() || d.kind == Kind::Vec || d.kind == k || !implies(k, d.kind)) continue;
      d.kind = k;
      ++changed;
    }
    if (changed >= 2) add(ds, std::nullopt, "all matrices: " + kind_name(k));  // one change: a single-variable try above
  }
  const auto [dlo, dhi] = spec.dims ? *spec.dims : std::pair<int, int>{opt.dlo, opt.dhi};
  for (int d : {1, 2})
    if (dlo <= d && d <= dhi && !(dlo == d && dhi == d)) add(decls, std::pair<int, int>{d, d}, "d = " + std::to_string(d));
  return out;
}

bool implies_hypotheses(const std::vector<Decl>& stronger_decls, const std::vector<Decl>& declared) {
  if (stronger_decls.size() != declared.size()) return false;
  for (size_t i = 0; i < declared.size(); ++i) {
    const Decl &a = stronger_decls[i], &b = declared[i];
    if (a.name != b.name || a.count != b.count) return false;
    if (b.kind == Kind::Scalar || b.kind == Kind::Int) {
      if (a.kind != b.kind || a.lo < b.lo || a.hi > b.hi) return false;
    } else if (b.kind == Kind::PsdRank) {
      if (!(a.kind == Kind::RankOne || (a.kind == Kind::PsdRank && a.rank <= b.rank))) return false;
    } else if (!implies(a.kind, b.kind)) {
      return false;
    }
  }
  return true;
}

std::vector<RepairTry> repair_hints(const Spec& spec, const Options& opt, RunOptions ro, int samples) {
  std::vector<std::string> changes;
  const std::vector<Spec> specs = stronger_hypotheses(spec, opt, &changes);
  std::vector<RepairTry> out;
  ro.samples = samples;
  for (size_t i = 0; i < specs.size(); ++i) {
    RepairTry t;
    t.change = changes[i];
    t.spec = specs[i];
    FuzzClaim fc = make_claim(specs[i], opt);
    VariantResult r = run_variant(fc.claim, fc.claim.variants[0], ro);
    t.verdict = r.verdict;
    t.established = r.established();
    t.samples = r.samples;
    t.best_constant = best_constant_text(r);
    out.push_back(std::move(t));
  }
  // The weakest holding tries: no other holding try of the same group (one variable, all matrices, the dimension)
  // that it implies.
  auto group = [](const RepairTry& t) { return t.change.rfind("d = ", 0) == 0 ? std::string("d") : t.change.substr(0, t.change.find(':')); };
  for (auto& t : out) {
    if (t.verdict != Verdict::Holds) continue;
    t.weakest = true;
    for (const auto& u : out) {
      if (&u == &t || u.verdict != Verdict::Holds || group(u) != group(t)) continue;
      if (group(t) == "d") {
        if (u.spec.dims->first > t.spec.dims->first) t.weakest = false;  // d = 2 is weaker than d = 1
      } else if (implies_hypotheses(parse_where(t.spec.where), parse_where(u.spec.where))) {
        t.weakest = false;  // u holds too, and t implies it: u is the weaker repair
      }
    }
  }
  return out;
}

}  // namespace stabcheck::fuzz
