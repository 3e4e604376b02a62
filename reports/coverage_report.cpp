// Coverage of a variant (core/coverage.hpp) as labelled rows shared by every report format, and as JSON.
#include "reports/report.hpp"
#include <algorithm>
#include <cstdio>

namespace stabcheck {

namespace {
template <class K, class F> std::vector<std::pair<std::string, long>> rows_of(const std::map<K, long>& m, F label) {
  std::vector<std::pair<std::string, long>> out;
  bool na = false;
  long na_count = 0;
  for (const auto& [k, n] : m) {
    std::string l = label(k);
    if (l == "n/a") { na = true; na_count = n; continue; }
    out.emplace_back(l, n);
  }
  if (na) out.emplace_back("n/a", na_count);  // undefined last
  return out;
}
}  // namespace

std::vector<CoverageRow> coverage_rows(const VariantResult& r) {
  const Coverage& c = r.coverage;
  std::vector<CoverageRow> rows;
  rows.push_back({"family", {}});
  for (const auto& [f, n] : r.per_family) rows.back().buckets.emplace_back(f, n);
  rows.push_back({"dimension", rows_of(c.dimension, feature_label)});
  rows.push_back({"rank (smallest)", rows_of(c.rank, feature_label)});
  rows.push_back({"condition number (largest)", rows_of(c.cond_decade, cond_label)});
  rows.push_back({"sigma of H", rows_of(c.sigma, sigma_label)});
  return rows;
}

std::vector<std::pair<std::string, std::string>> sampled_families(const std::string& claim, const std::vector<VariantResult>& results) {
  std::vector<std::pair<std::string, std::string>> out;
  const Claim* c = lookup_claim(claim);
  if (!c) return out;
  for (const auto& f : c->families) {
    const bool sampled = std::any_of(results.begin(), results.end(), [&](const VariantResult& r) {
      const auto it = r.per_family.find(f.name);
      return r.claim == claim && it != r.per_family.end() && it->second > 0;
    });
    if (sampled) out.emplace_back(f.name, f.description);
  }
  return out;
}

std::vector<std::pair<std::string, long>> slack_rows(const SlackHistogram& h) {
  std::vector<std::pair<std::string, long>> out;
  out.emplace_back("violated", h.negative);
  out.emplace_back("0", h.zero);
  for (int d = SlackHistogram::kMinDecade; d <= SlackHistogram::kMaxDecade; ++d) {
    auto it = h.decades.find(d);
    if (it != h.decades.end()) out.emplace_back(decade_label(d), it->second);
  }
  if (h.unevaluated) out.emplace_back("not evaluated", h.unevaluated);
  return out;
}

nlohmann::json coverage_json(const VariantResult& r) {
  const Coverage& c = r.coverage;
  auto keyed = [](const auto& m, auto key) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, n] : m) j[key(k)] = n;
    return j;
  };
  auto num = [](long v) { return feature_label(v); };
  nlohmann::json j;
  j["dimension"] = keyed(c.dimension, num);
  j["rank"] = keyed(c.rank, num);
  j["condition_decade"] = keyed(c.cond_decade, [](int d) { return d == kNoDecade ? std::string("n/a") : std::to_string(d); });
  j["sigma"] = keyed(c.sigma, sigma_label);
  bool any_sigma = false;
  for (const auto& [k, n] : c.sigma) any_sigma = any_sigma || (k != kNone && n > 0);
  j["sigma_range"] = any_sigma ? nlohmann::json::array({c.sigma_min, c.sigma_max}) : nlohmann::json(nullptr);
  j["near_equality"] = c.near_equality;
  j["near_equality_tolerance"] = kNearEquality;
  nlohmann::json h = nlohmann::json::object();
  for (const auto& [f, s] : c.slack) {
    nlohmann::json d = nlohmann::json::object();
    for (const auto& [k, n] : s.decades) d[std::to_string(k)] = n;
    h[f] = {{"violated", s.negative}, {"zero", s.zero}, {"unevaluated", s.unevaluated}, {"decades", d}};
  }
  j["slack_histogram"] = h;
  return j;
}

std::string fmt_sig(double x, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

}  // namespace stabcheck
