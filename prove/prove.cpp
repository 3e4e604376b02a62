#include "prove/prove.hpp"
#include "prove/gram.hpp"
#include "prove/rationalize.hpp"
#include "core/json_file.hpp"
#include <chrono>
#include <algorithm>
#include <bit>
#include <set>

namespace stabcheck::prove {

using nlohmann::json;

namespace {

json mono_json(const Alphabet& a, const Mono& m) {
  json o = json::object();
  for (char c : m) {
    const std::string& n = a.scalars[size_t(c)];
    o[n] = o.contains(n) ? o[n].get<int>() + 1 : 1;
  }
  return o;
}
json word_json(const Alphabet& a, const Word& w) {
  json arr = json::array();
  for (char c : w) arr.push_back(a.token(c));
  return arr;
}
json trace_json(const Alphabet& a, const TracePoly& p) {
  json arr = json::array();
  for (const auto& [k, c] : p.t) {
    json t = {{"coef", c.get_str()}, {"scalars", mono_json(a, k.m)}};
    if (k.traced) t["trace"] = word_json(a, k.w);
    arr.push_back(t);
  }
  return arr;
}
json nc_json(const Alphabet& a, const NcPoly& p) {
  json arr = json::array();
  for (const auto& [k, c] : p.t) arr.push_back({{"coef", c.get_str()}, {"scalars", mono_json(a, k.first)}, {"word", word_json(a, k.second)}});
  return arr;
}

std::string degrees_str(const std::vector<int>& d) {
  std::string s;
  for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
  return s;
}

}  // namespace

json certificate_header(const Fragment& f) {
  json j;
  j["format"] = cert::kFormat;
  j["version"] = cert::kVersion;
  j["bound"] = f.bound;
  j["where"] = f.where;
  j["relation"] = rel_str(f.rel);
  json ms = json::array();
  for (const auto& m : f.matrices) {
    json o = {{"name", m.name}, {"kind", kind_str(m.kind)}, {"declared", m.declared}};
    if (f.substituted(m)) o["factor"] = f.alpha.letters[size_t(m.factor)].name;
    ms.push_back(o);
  }
  j["matrices"] = ms;
  json ss = json::array();
  for (const auto& s : f.scalars) {
    json o = {{"name", s.name}, {"kind", kind_str(s.kind)}, {"declared", s.declared}};
    if (s.kind == ScalarVar::Kind::Param) {
      o["lo"] = s.lo ? json(s.lo->get_str()) : json(nullptr);
      o["hi"] = s.hi ? json(s.hi->get_str()) : json(nullptr);
    } else {
      o["of"] = nc_json(f.alpha, s.of);
      o["nonneg"] = s.nonneg;
    }
    ss.push_back(o);
  }
  j["scalars"] = ss;
  j["lhs"] = trace_json(f.alpha, f.lhs);
  j["rhs"] = trace_json(f.alpha, f.rhs);
  j["target"] = trace_json(f.alpha, f.target());
  j["blocks"] = json::array();
  return j;
}

ProveResult prove(const std::string& bound, const std::string& where, const ProveOptions& opt) {
  auto t0 = std::chrono::steady_clock::now();
  auto deadline = t0 + std::chrono::milliseconds(long(opt.seconds * 1000));
  ProveResult res;
  Translation tr = translate(bound, where);
  auto finish = [&]() -> ProveResult& {
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
  };
  if (!tr.fragment) {
    res.status = ProveResult::Status::Outside;
    res.message = tr.outside;
    return finish();
  }
  // PSD variables: first all as symmetric letters with the hypothesis A >= 0 (small bases), then substituted A = F F'
  // one at a time, two at a time, ..., all (every subset up to 3 PSD variables; beyond: none or all)
  struct Variant {
    Fragment f;
    TracePoly target;
    Hypotheses hyp;
    json header;
    std::vector<int> degs;
    std::string label;
  };
  std::vector<unsigned> masks;
  int np = tr.fragment->psd_count();
  if (np <= 3) {
    for (int k = 0; k <= np; ++k)
      for (unsigned m = 0; m < (1u << np); ++m)
        if (std::popcount(m) == k) masks.push_back(m);
  } else {
    masks = {0u, ~0u};
  }
  std::vector<Variant> vs;
  for (unsigned mask : masks) {
    Variant v;
    v.f = tr.fragment->with_substitution(mask);
    for (const auto& m : v.f.matrices)
      if (v.f.substituted(m)) v.label += m.name + "=" + v.f.alpha.letters[size_t(m.factor)].name + "*" + v.f.alpha.letters[size_t(m.factor)].name + "' ";
    v.target = v.f.target();
    v.hyp = hypotheses(v.f);
    v.header = certificate_header(v.f);
    int tdeg = v.target.degree();
    int d0 = tdeg + (tdeg % 2);
    int dmax = opt.max_degree >= 0 ? opt.max_degree : d0 + (v.hyp.scalar.empty() && v.hyp.matrix.empty() ? 0 : 2);
    if (dmax < d0) v.degs = {dmax};
    for (int D = d0; D <= dmax; D += 2) v.degs.push_back(D);
    vs.push_back(std::move(v));
  }
  res.degree = vs[0].target.degree();

  auto accept = [&](json cand, int degree) -> bool {
    cand["degree"] = degree;
    cert::Result r;
    try {
      r = cert::check_text(cand.dump());
    } catch (const cert::FormatError& e) {
      res.detail += std::string(" checker: ") + e.what() + ";";
      return false;
    }
    if (!r.valid) {
      res.detail += " checker rejected: " + r.reason + ";";
      return false;
    }
    res.certificate = cand;
    res.status = ProveResult::Status::Proved;
    res.message = "proved";
    res.degree = degree;
    return true;
  };

  if (tr.fragment->rel == Rel::Eq || vs[0].target.is_zero()) {
    int sides = std::max(tr.fragment->lhs.degree(), tr.fragment->rhs.degree());
    for (const Variant& v : vs)
      if (v.target.is_zero() && accept(v.header, sides)) return finish();
    res.degrees = {vs[0].target.degree()};
    res.status = ProveResult::Status::NotProved;
    res.message = "not proved at degree " + std::to_string(vs[0].target.degree()) +
                  " (an identity is proved by cyclic equivalence alone; lhs - rhs = " + to_string(vs[0].f.alpha, vs[0].target) + ")";
    return finish();
  }

  std::set<int> tried;
  size_t rounds = 0;
  for (const Variant& v : vs) rounds = std::max(rounds, v.degs.size());
  // pass 0: the plain SOHS stages of every variant (cheap); pass r + 1: the hypotheses stages at each variant's r-th degree
  for (size_t pass = 0; pass <= rounds; ++pass)
    for (const Variant& v : vs) {
      size_t round = pass == 0 ? 0 : pass - 1;
      if (round >= v.degs.size()) continue;
      int D = v.degs[round];
      if (std::chrono::steady_clock::now() > deadline) break;
      struct Stage {
        bool pure, chip;
      };
      std::vector<Stage> stages;
      if (pass == 0) stages = {{true, true}, {true, false}};
      else if (!v.hyp.scalar.empty() || !v.hyp.matrix.empty()) stages.push_back({false, false});
      if (!stages.empty()) tried.insert(D);
      // without hypotheses nothing changes above the bound's degree: the top-degree part of a sum of hermitian squares
      // cannot cancel (Newton polytope), so the plain stage at the bound's degree covers every higher one
      if (pass == 0 && v.hyp.scalar.empty() && v.hyp.matrix.empty()) tried.insert(v.degs.begin(), v.degs.end());
      std::vector<std::vector<BasisElem>> last_basis;
      for (const Stage& st : stages) {
        if (std::chrono::steady_clock::now() > deadline) break;
        GramProblem gp = build_gram(v.f, v.hyp, v.target, D, st.pure, st.chip);
        std::string stage = v.label + (st.pure ? (st.chip ? "sohs-chip" : "sohs") : "hypotheses") + " D=" + std::to_string(D);
        std::vector<std::vector<BasisElem>> bases;
        for (const auto& b : gp.blocks) bases.push_back(b.basis);
        bool same = st.pure && !st.chip && bases.size() == last_basis.size() &&
                    std::equal(bases.begin(), bases.end(), last_basis.begin(), [](const auto& x, const auto& y) {
                      return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), [](const BasisElem& a, const BasisElem& b) {
                               return a.m == b.m && a.w == b.w;
                             });
                    });
        last_basis = bases;
        if (same) continue;  // the chip basis was the whole Newton box
        if (gp.infeasible) {
          res.detail += " " + stage + ": " + gp.note + ";";
          continue;
        }
        double left = std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
        double m = double(gp.classes.size());
        if (6.0 * (m / 800) * (m / 800) * (m / 800) > left) {  // one CSDP solve would not fit in the budget
          res.detail += " " + stage + " (" + std::to_string(gp.words()) + " words, " + std::to_string(gp.classes.size()) +
                        " constraints): skipped, too large for the remaining budget;";
          continue;
        }
        RationalResult rr = rationalize(gp, deadline);
        if (!rr.ok) {
          res.detail += " " + stage + " (" + std::to_string(gp.words()) + " words, " + std::to_string(gp.classes.size()) +
                        " constraints): " + rr.note + ";";
          continue;
        }
        json cand = v.header;
        json blocks = json::array();
        int gmax = 0;
        for (size_t b = 0; b < gp.blocks.size(); ++b) {
          const Block& B = gp.blocks[b];
          // drop zero rows/columns (words the certificate does not use)
          std::vector<size_t> used;
          for (size_t i = 0; i < B.basis.size(); ++i)
            if (rr.G[b][i][i] != 0) used.push_back(i);
          if (used.empty()) continue;
          json basis = json::array(), gram = json::array();
          for (size_t i : used) basis.push_back({{"scalars", mono_json(v.f.alpha, B.basis[i].m)}, {"word", word_json(v.f.alpha, B.basis[i].w)}});
          for (size_t i : used) {
            json row = json::array();
            for (size_t k : used) row.push_back(rr.G[b][i][k].get_str());
            gram.push_back(row);
          }
          json sf = json::array();
          for (int x : B.sf) sf.push_back(v.hyp.scalar[size_t(x)].id);
          blocks.push_back({{"traced", B.traced}, {"scalar_factor", sf},
                            {"matrix_factor", B.mf >= 0 ? json(v.hyp.matrix[size_t(B.mf)].id) : json(nullptr)},
                            {"basis", basis}, {"gram", gram}});
          gmax = std::max(gmax, int(used.size()));
        }
        cand["blocks"] = blocks;
        cand["search"] = {{"solver", "CSDP 6.2 (libsdp)"}, {"stage", stage}, {"words_searched", gp.words()},
                          {"constraints", gp.classes.size()}, {"facial_reductions", rr.facial_steps},
                          {"rounding_bits", rr.bits}, {"sdp_solves", rr.sdp_solves}};
        if (accept(cand, D)) {
          res.words = gp.words();
          res.gram = gmax;
          res.blocks = int(blocks.size());
          res.constraints = int(gp.classes.size());
          res.stage = stage;
          res.degrees.assign(tried.begin(), tried.end());
          return finish();
        }
      }
    }
  res.degrees.assign(tried.begin(), tried.end());
  res.status = ProveResult::Status::NotProved;
  res.message = "not proved at degree " + degrees_str(res.degrees);
  if (std::chrono::steady_clock::now() > deadline) res.message += " (time limit)";
  return finish();
}

cert::Result check_certificate(const json& j) {
  cert::Result r = cert::check(j);
  if (!r.valid) return r;
  // the declarations and sides must be those of the bound the file names
  if (!j.contains("where") || !j["where"].is_string()) throw cert::FormatError("certificate: missing field 'where'");
  Translation tr;
  try {
    tr = translate(j["bound"].get<std::string>(), j["where"].get<std::string>());
  } catch (const std::invalid_argument& e) {
    return {false, std::string("the bound in the file does not parse: ") + e.what()};
  }
  if (!tr.fragment) return {false, "the bound in the file is " + tr.outside};
  // PSD variables substituted (A = F F', any factor name) or localized, as the file says
  unsigned mask = 0;
  int i = 0;
  for (const auto& m : tr.fragment->matrices) {
    if (m.kind != MatrixVar::Kind::Psd) continue;
    for (const auto& e : j["matrices"])
      if (e.is_object() && e.value("name", "") == m.name && e.contains("factor") && !e["factor"].is_null()) mask |= 1u << i;
    ++i;
  }
  json h = certificate_header(tr.fragment->with_substitution(mask));
  json ms = j["matrices"];
  if (ms.is_array())
    for (size_t k = 0; k < ms.size() && k < h["matrices"].size(); ++k)
      if (ms[k].is_object() && ms[k].contains("factor") && h["matrices"][k].contains("factor")) ms[k]["factor"] = h["matrices"][k]["factor"];
  for (const char* k : {"relation", "matrices", "scalars", "lhs", "rhs"})
    if (h[k] != (std::string(k) == "matrices" ? ms : j[k]))
      return {false, "field '" + std::string(k) + "' is not that of the bound " + j["bound"].get<std::string>()};
  return r;
}

cert::Result check_certificate_file(const std::string& path) {
  json j;
  try {
    j = read_json_file(path);
  } catch (const std::invalid_argument& e) {
    throw cert::FormatError(e.what());
  }
  return check_certificate(j);
}

}  // namespace stabcheck::prove
