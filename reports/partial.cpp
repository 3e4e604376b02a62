#include "reports/partial.hpp"
#include <cmath>
#include <limits>
#include <stdexcept>

namespace stabcheck {

namespace {

using json = nlohmann::json;

json real_json(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}
double real_from(const json& j) {
  if (j.is_string()) {
    const auto s = j.get<std::string>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
    throw std::invalid_argument("not a number: '" + s + "'");
  }
  if (!j.is_number()) throw std::invalid_argument("not a number");
  return j.get<double>();
}

json mat_json(const MatQ& m) {
  json q = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index k = 0; k < m.cols(); ++k) q.push_back(rat_str(m(i, k)));
  return {{"rows", m.rows()}, {"cols", m.cols()}, {"entries", q}};
}
MatQ mat_from(const json& j) {
  const long r = j.at("rows").get<long>(), c = j.at("cols").get<long>();
  const json& q = j.at("entries");
  if (r < 0 || c < 0 || !q.is_array() || q.size() != size_t(r * c)) throw std::invalid_argument("matrix of the wrong shape");
  MatQ m(r, c);
  size_t n = 0;
  for (long i = 0; i < r; ++i)
    for (long k = 0; k < c; ++k) m(i, k) = parse_rat(q[n++].get<std::string>());
  return m;
}

template <class K> json count_map(const std::map<K, long>& m) {  // keys as text: JSON objects have string keys
  json o = json::object();
  for (const auto& [k, v] : m) o[std::to_string(k)] = v;
  return o;
}
template <class K> std::map<K, long> count_map_from(const json& j) {
  std::map<K, long> m;
  if (!j.is_object()) throw std::invalid_argument("count map is not an object");
  for (const auto& [k, v] : j.items()) {
    size_t used = 0;
    const long long key = std::stoll(k, &used);
    if (used != k.size()) throw std::invalid_argument("count map key '" + k + "'");
    m[K(key)] = v.template get<long>();
  }
  return m;
}

json origin_json(const Origin& o) {
  return {{"claim", o.claim}, {"variant", o.variant}, {"family", o.family}, {"seed", o.seed}, {"index", o.index},
          {"shrink_path", o.shrink_path}, {"knobs", o.knobs.empty() ? "" : knobs::settings_text(o.knobs)}};
}
Origin origin_from(const json& j) {
  Origin o;
  o.claim = j.at("claim").get<std::string>();
  o.variant = j.at("variant").get<std::string>();
  o.family = j.at("family").get<std::string>();
  o.seed = j.at("seed").get<uint64_t>();
  o.index = j.at("index").get<long>();
  o.shrink_path = j.at("shrink_path").get<std::vector<int>>();
  if (const std::string k = j.value("knobs", std::string()); !k.empty()) o.knobs = knobs::parse_settings(k);
  return o;
}

json evaluated_json(const Evaluated& e) {
  return {{"origin", origin_json(e.origin)}, {"sample", exact_sample_json(e.sample)}, {"lhs", e.lhs}, {"rhs", e.rhs},
          {"rel_slack", real_json(e.rel_slack)}, {"slack", e.slack}, {"tier", e.tier}};
}
Evaluated evaluated_from(const json& j) {
  Evaluated e;
  e.origin = origin_from(j.at("origin"));
  e.sample = exact_sample_from_json(j.at("sample"));
  e.lhs = j.at("lhs").get<std::string>();
  e.rhs = j.at("rhs").get<std::string>();
  e.rel_slack = real_from(j.at("rel_slack"));
  e.slack = j.at("slack").get<std::string>();
  e.tier = j.at("tier").get<std::string>();
  return e;
}

json coverage_full_json(const Coverage& c) {
  json slack = json::object();
  for (const auto& [fam, h] : c.slack)
    slack[fam] = {{"negative", h.negative}, {"zero", h.zero}, {"unevaluated", h.unevaluated}, {"decades", count_map(h.decades)}};
  return {{"dimension", count_map(c.dimension)}, {"rank", count_map(c.rank)}, {"cond_decade", count_map(c.cond_decade)},
          {"sigma", count_map(c.sigma)}, {"sigma_min", real_json(c.sigma_min)}, {"sigma_max", real_json(c.sigma_max)},
          {"near_equality", c.near_equality}, {"slack", slack}};
}
Coverage coverage_from(const json& j) {
  Coverage c;
  c.dimension = count_map_from<long>(j.at("dimension"));
  c.rank = count_map_from<long>(j.at("rank"));
  c.cond_decade = count_map_from<int>(j.at("cond_decade"));
  c.sigma = count_map_from<long>(j.at("sigma"));
  c.sigma_min = real_from(j.at("sigma_min"));
  c.sigma_max = real_from(j.at("sigma_max"));
  c.near_equality = j.at("near_equality").get<long>();
  for (const auto& [fam, h] : j.at("slack").items()) {
    SlackHistogram s;
    s.negative = h.at("negative").get<long>();
    s.zero = h.at("zero").get<long>();
    s.unevaluated = h.at("unevaluated").get<long>();
    s.decades = count_map_from<int>(h.at("decades"));
    c.slack[fam] = s;
  }
  return c;
}

}  // namespace

json exact_sample_json(const Sample& s) {
  json j = {{"matrices", json::object()}, {"families", json::object()}, {"scalars", json::object()}, {"integers", json::object()}};
  for (const auto& [k, m] : s.mats) j["matrices"][k] = mat_json(m);
  for (const auto& [k, f] : s.families) {
    json arr = json::array();
    for (const auto& m : f) arr.push_back(mat_json(m));
    j["families"][k] = arr;
  }
  for (const auto& [k, v] : s.scalars) j["scalars"][k] = rat_str(v);
  for (const auto& [k, v] : s.ints) j["integers"][k] = v;
  return j;
}

Sample exact_sample_from_json(const json& j) {
  Sample s;
  for (const auto& [k, v] : j.at("matrices").items()) s.mats[k] = mat_from(v);
  for (const auto& [k, v] : j.at("families").items()) {
    auto& f = s.families[k];
    if (!v.is_array()) throw std::invalid_argument("family '" + k + "' is not an array");
    for (const auto& m : v) f.push_back(mat_from(m));
  }
  for (const auto& [k, v] : j.at("scalars").items()) s.scalars[k] = parse_rat(v.get<std::string>());
  for (const auto& [k, v] : j.at("integers").items()) s.ints[k] = v.get<long>();
  return s;
}

json result_to_json(const VariantResult& r) {
  json j = statement_json(r);
  j.update({{"claim", r.claim},         {"note", r.note},           {"verdict", verdict_str(r.verdict)},
            {"expected", verdict_str(r.expected)}, {"recorded", r.recorded}, {"reason", r.reason},
            {"certified", r.certified}, {"samples", r.samples},     {"per_family", r.per_family},
            {"screened_close", r.screened_close},  {"violations", r.violations}, {"unstable", r.unstable},
            {"cleared", r.cleared},     {"undecided", r.undecided}});
  j["counterexample"] = r.counterexample ? evaluated_json(*r.counterexample) : json(nullptr);
  if (r.certificate) {
    const auto& c = *r.certificate;
    j["certificate"] = {{"certified", c.certified}, {"cleared", c.cleared}, {"method", c.method}, {"lhs", c.lhs},
                        {"rhs", c.rhs}, {"slack", c.slack}, {"bits", c.bits}};
  } else {
    j["certificate"] = nullptr;
  }
  j["shrink_steps"] = r.shrink_steps;
  j["shrink_evals"] = r.shrink_evals;
  j["tightest"] = r.tightest ? evaluated_json(*r.tightest) : json(nullptr);
  if (r.best_constant) {
    const auto& b = *r.best_constant;
    j["best_constant"] = {{"extremum", b.extremum}, {"ratio", real_json(b.ratio)}, {"ratio_text", b.ratio_text}, {"verdict", b.verdict},
                          {"origin", origin_json(b.origin)}, {"sample", exact_sample_json(b.sample)}, {"samples", b.samples},
                          {"growth", b.growth}};
  } else {
    j["best_constant"] = nullptr;
  }
  j["search"] = r.search ? search_json(*r.search) : json(nullptr);
  j["coverage"] = coverage_full_json(r.coverage);
  if (r.proof) {
    const auto& p = *r.proof;
    j["proof"] = {{"status", p.status}, {"certificate", p.certificate}, {"degree", p.degree}, {"gram", p.gram},
                  {"seconds", real_json(p.seconds)}};
  } else {
    j["proof"] = nullptr;
  }
  j["seconds"] = real_json(r.seconds);
  j["digits"] = r.digits;
  j["seed"] = r.seed;
  return j;
}

VariantResult result_from_json(const json& j) {
  try {
    VariantResult r;
    r.claim = j.at("claim").get<std::string>();
    r.variant = j.at("variant").get<std::string>();
    r.source = j.at("source").get<std::string>();
    r.claim_statement = j.at("claim_statement").get<std::string>();
    r.statement = j.at("statement").get<std::string>();
    r.relation = j.at("relation").get<std::string>();
    r.note = j.at("note").get<std::string>();
    r.verdict = parse_verdict(j.at("verdict").get<std::string>());
    r.expected = parse_verdict(j.at("expected").get<std::string>());
    r.recorded = j.at("recorded").get<bool>();
    r.reason = j.at("reason").get<std::string>();
    r.certified = j.at("certified").get<bool>();
    r.samples = j.at("samples").get<long>();
    r.per_family = j.at("per_family").get<std::map<std::string, long>>();
    r.screened_close = j.at("screened_close").get<long>();
    r.violations = j.at("violations").get<long>();
    r.unstable = j.at("unstable").get<long>();
    r.cleared = j.at("cleared").get<long>();
    r.undecided = j.at("undecided").get<long>();
    if (!j.at("counterexample").is_null()) r.counterexample = evaluated_from(j["counterexample"]);
    if (const json& c = j.at("certificate"); !c.is_null()) {
      Certificate cert;
      cert.certified = c.at("certified").get<bool>();
      cert.cleared = c.at("cleared").get<bool>();
      cert.method = c.at("method").get<std::string>();
      cert.lhs = c.at("lhs").get<std::string>();
      cert.rhs = c.at("rhs").get<std::string>();
      cert.slack = c.at("slack").get<std::string>();
      cert.bits = c.at("bits").get<long>();
      r.certificate = cert;
    }
    r.shrink_steps = j.at("shrink_steps").get<long>();
    r.shrink_evals = j.at("shrink_evals").get<long>();
    if (!j.at("tightest").is_null()) r.tightest = evaluated_from(j["tightest"]);
    if (const json& b = j.at("best_constant"); !b.is_null()) {
      VariantResult::BestConstant bc;
      bc.extremum = b.at("extremum").get<std::string>();
      bc.ratio = real_from(b.at("ratio"));
      bc.ratio_text = b.at("ratio_text").get<std::string>();
      bc.verdict = b.at("verdict").get<std::string>();
      bc.origin = origin_from(b.at("origin"));
      bc.sample = exact_sample_from_json(b.at("sample"));
      bc.samples = b.at("samples").get<long>();
      bc.growth = b.at("growth").get<std::string>();
      r.best_constant = bc;
    }
    if (const json& sj = j.value("search", json(nullptr)); !sj.is_null()) {
      VariantResult::Search st;
      st.budget = sj.at("budget").get<long>();
      st.evaluations = sj.at("evaluations").get<long>();
      st.starts = sj.at("starts").get<int>();
      st.dims = sj.at("knobs").get<int>();
      st.families = sj.at("families").get<int>();
      st.searched = sj.at("families_with_knobs").get<int>();
      st.seconds = sj.at("seconds").get<double>();
      st.best_rel = sj.at("best_rel_slack").is_null() ? NAN : sj.at("best_rel_slack").get<double>();
      st.found = sj.at("found").get<bool>();
      r.search = st;
    }
    r.coverage = coverage_from(j.at("coverage"));
    if (const json& p = j.at("proof"); !p.is_null()) {
      VariantResult::Proof pf;
      pf.status = p.at("status").get<std::string>();
      pf.certificate = p.at("certificate").get<std::string>();
      pf.degree = p.at("degree").get<int>();
      pf.gram = p.at("gram").get<int>();
      pf.seconds = real_from(p.at("seconds"));
      r.proof = pf;
    }
    r.seconds = real_from(j.at("seconds"));
    r.digits = j.at("digits").get<unsigned>();
    r.seed = j.at("seed").get<uint64_t>();
    return r;
  } catch (const nlohmann::json::exception& e) {
    std::string m = e.what();
    if (auto p = m.find("] "); p != std::string::npos) m = m.substr(p + 2);  // "[json.exception.out_of_range.403] key ..."
    throw std::invalid_argument("malformed result: " + m);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("malformed result: ") + e.what());
  } catch (const std::out_of_range& e) {
    throw std::invalid_argument(std::string("malformed result: ") + e.what());
  }
}

}  // namespace stabcheck
