#include "fuzz/repair.hpp"
#include "fuzz/ast.hpp"
#include <algorithm>
#include <map>

namespace stabcheck::fuzz {
namespace {

/// The kinds strictly stronger than k, weakest first (a kind implies every kind before it in the lattice).
std::vector<Kind> stronger(Kind k) {
  switch (k) {
    case Kind::General: return {Kind::Sym, Kind::Psd, Kind::Diag, Kind::Pd, Kind::RankOne};
    case Kind::Sym: return {Kind::Psd, Kind::Diag, Kind::Pd, Kind::RankOne};
    case Kind::Psd: return {Kind::Pd, Kind::Diag, Kind::RankOne};
    case Kind::PsdRank: return {Kind::RankOne, Kind::Diag};
    case Kind::Pd: return {Kind::Diag};
    default: return {};
  }
}

/// Rank of a kind in the lattice (larger: stronger); used to keep only the weakest holding try per variable.
int strength(Kind k) {
  static const std::map<Kind, int> s = {{Kind::General, 0}, {Kind::Sym, 1}, {Kind::Psd, 2}, {Kind::PsdRank, 3},
                                        {Kind::Pd, 3},      {Kind::Diag, 4}, {Kind::RankOne, 4}};
  auto it = s.find(k);
  return it == s.end() ? 9 : it->second;
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

/// The kind named after the colon of a change ("all matrices: psd" -> Psd).
Kind parse_kind(const std::string& change) {
  const std::string k = change.substr(change.find(':') + 2);
  for (Kind c : {Kind::Sym, Kind::Psd, Kind::Pd, Kind::Diag, Kind::RankOne, Kind::General})
    if (kind_name(c) == k) return c;
  return Kind::General;
}

}  // namespace

std::vector<Spec> stronger_hypotheses(const Spec& spec, const Options& opt, std::vector<std::string>* changes) {
  std::vector<Spec> out;
  auto add = [&](Spec s, std::string change) {
    if (changes) changes->push_back(std::move(change));
    out.push_back(std::move(s));
  };
  const std::vector<Decl> decls = parse_where(spec.where);
  for (size_t i = 0; i < decls.size(); ++i) {
    for (Kind k : stronger(decls[i].kind)) {
      std::vector<Decl> ds = decls;
      ds[i].kind = k;
      Spec s = spec;
      s.where = where_text(ds);
      add(s, decl_text(ds[i]));
    }
    if (decls[i].kind == Kind::Scalar && decls[i].lo < decls[i].hi) {
      const Rat mid = (decls[i].lo + decls[i].hi) / 2;
      for (auto [lo, hi] : {std::pair<Rat, Rat>{decls[i].lo, mid}, std::pair<Rat, Rat>{mid, decls[i].hi}}) {
        std::vector<Decl> ds = decls;
        ds[i].lo = lo;
        ds[i].hi = hi;
        Spec s = spec;
        s.where = where_text(ds);
        add(s, decl_text(ds[i]));
      }
    }
  }
  // every matrix at once (the usual repair needs two hypotheses: A and B psd)
  for (Kind k : {Kind::Sym, Kind::Psd, Kind::Pd}) {
    std::vector<Decl> ds = decls;
    int changed = 0;
    for (auto& d : ds) {
      if (!d.is_matrix() || d.kind == Kind::Vec) continue;
      const auto st = stronger(d.kind);
      if (std::find(st.begin(), st.end(), k) != st.end()) { d.kind = k; ++changed; }
    }
    if (changed >= 2) {  // with one change it is a single-variable try above
      Spec s = spec;
      s.where = where_text(ds);
      add(s, "all matrices: " + kind_name(k));
    }
  }
  const auto [dlo, dhi] = spec.dims ? *spec.dims : std::pair<int, int>{opt.dlo, opt.dhi};
  for (int d : {1, 2})
    if (dlo <= d && d <= dhi && !(dlo == d && dhi == d)) {
      Spec s = spec;
      s.dims = std::pair<int, int>{d, d};
      add(s, "d = " + std::to_string(d));
    }
  return out;
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
  // The weakest holding try per variable (per dimension for the "d = " tries): no weaker kind of it holds too.
  for (auto& t : out) {
    if (t.verdict != Verdict::Holds) continue;
    const std::string var = t.change.substr(0, t.change.find(':'));
    const std::vector<Decl> mine = t.change.rfind("d = ", 0) == 0 ? std::vector<Decl>{} : parse_where(t.spec.where);
    auto kind_of = [&](const std::vector<Decl>& ds) {
      for (const auto& d : ds) if (d.name == var.substr(0, var.find('['))) return d.kind;
      return Kind::General;
    };
    t.weakest = true;
    for (const auto& u : out) {
      if (&u == &t || u.verdict != Verdict::Holds) continue;
      if (t.change.rfind("d = ", 0) == 0) {
        if (u.change.rfind("d = ", 0) == 0 && u.spec.dims->first > t.spec.dims->first) t.weakest = false;  // d = 2 is weaker than d = 1
        continue;
      }
      if (u.change.substr(0, u.change.find(':')) != var) continue;
      if (var == "all matrices") {  // ordered by the kind they impose
        if (strength(parse_kind(u.change)) < strength(parse_kind(t.change))) t.weakest = false;
        continue;
      }
      const Kind kt = kind_of(mine), ku = kind_of(parse_where(u.spec.where));
      if (kt == Kind::Scalar || ku == Kind::Scalar) continue;  // sub-ranges are not ordered against each other
      if (strength(ku) < strength(kt)) t.weakest = false;
    }
  }
  return out;
}

}  // namespace stabcheck::fuzz
