#include "core/derivations.hpp"
#include <set>
#include <sstream>
#include <stdexcept>

namespace stabcheck {

extern const char* const kDerivationsTsv;  // theorems/derivations.tsv (generated/derivations_tsv.cpp)

namespace {

/// The reason's first words and the status they give (a non-empty reason must start with one of them).
const std::vector<std::pair<std::string, LinkStatus>>& reason_prefixes() {
  static const std::vector<std::pair<std::string, LinkStatus>> p{
      {"definition", LinkStatus::Definition},     {"experiment", LinkStatus::Experiment},
      {"restates", LinkStatus::Restatement},      {"end-to-end only", LinkStatus::EndToEnd},
      {"partial", LinkStatus::Partial},           {"not checkable", LinkStatus::NotCheckable},
      {"not checked", LinkStatus::NotChecked}};
  return p;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t k; (k = line.find('\t', start)) != std::string::npos; start = k + 1) out.push_back(line.substr(start, k - start));
  out.push_back(line.substr(start));
  return out;
}

}  // namespace

std::string link_status_str(LinkStatus s) {
  switch (s) {
    case LinkStatus::Checked: return "checked";
    case LinkStatus::EndToEnd: return "end-to-end only";
    case LinkStatus::Partial: return "partial";
    case LinkStatus::NotCheckable: return "not checkable";
    case LinkStatus::NotChecked: return "not checked";
    case LinkStatus::Definition: return "definition";
    case LinkStatus::Experiment: return "experiment";
    case LinkStatus::Restatement: return "restatement";
  }
  return "?";
}

std::vector<Assertion> parse_assertions(const std::string& tsv) {
  std::vector<Assertion> out;
  std::set<std::string> ids;
  std::istringstream in(tsv);
  std::string line;
  bool header = true;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const auto at = "derivations line " + std::to_string(n) + ": ";
    const auto f = split_tabs(line);
    if (f.size() != 6) throw std::invalid_argument(at + "expected 6 tab-separated fields, found " + std::to_string(f.size()));
    if (header) {  // id section equation kind assertion reason
      header = false;
      continue;
    }
    Assertion a{.id = f[0], .section = f[1], .equation = f[2], .kind = f[3], .text = f[4], .reason = f[5]};
    if (a.id.empty() || a.text.empty()) throw std::invalid_argument(at + "empty id or assertion");
    if (!ids.insert(a.id).second) throw std::invalid_argument(at + "id " + a.id + " listed twice");
    bool known = a.reason.empty();
    for (const auto& [prefix, status] : reason_prefixes()) known |= a.reason.rfind(prefix, 0) == 0;
    if (!known) throw std::invalid_argument(at + "reason of " + a.id + " must start with definition, experiment, restates, "
                                                 "end-to-end only, partial, not checkable or not checked");
    out.push_back(std::move(a));
  }
  return out;
}

const std::vector<Assertion>& appendix_assertions() {
  static const std::vector<Assertion> list = parse_assertions(kDerivationsTsv);
  return list;
}

bool counted(const Assertion& a) { return a.kind != "def" && a.kind != "empirical" && a.kind != "restate"; }

LinkChecks link_checks(const std::vector<Claim>& claims) {
  LinkChecks out;
  for (const auto& c : claims)
    for (const auto& v : c.variants)
      for (const auto& id : v.checks)
        out[id].push_back({c.id, v.slug, is_repair(v.slug, v.note), v.checks.size() > 1 ? v.checks : std::vector<std::string>{}});
  return out;
}

bool checked_where_it_stands(const LinkChecks& checks, const std::string& id) {
  auto it = checks.find(id);
  if (it == checks.end()) return false;
  for (const auto& k : it->second)
    if (!k.repair) return true;
  return false;
}

LinkStatus link_status(const Assertion& a, const LinkChecks& checks) {
  const bool checked = checked_where_it_stands(checks, a.id);
  if (checked && counted(a)) return LinkStatus::Checked;
  for (const auto& [prefix, status] : reason_prefixes())
    if (a.reason.rfind(prefix, 0) == 0) return status;
  return checked ? LinkStatus::Checked : LinkStatus::NotChecked;
}

std::vector<std::string> map_problems(const std::vector<Assertion>& list, const std::vector<Claim>& claims) {
  std::vector<std::string> out;
  const auto checks = link_checks(claims);
  std::set<std::string> ids;
  for (const auto& a : list) {
    ids.insert(a.id);
    const bool checked = checked_where_it_stands(checks, a.id);
    if (!checked && a.reason.empty()) out.push_back(a.id + ": no variant checks it and no reason is given");
    if (checked && !a.reason.empty()) {
      const LinkCheck& k = checks.at(a.id).front();
      out.push_back(a.id + ": " + k.claim + " " + k.variant + " checks it, but the list says '" + a.reason + "'");
    }
  }
  for (const auto& [id, ks] : checks)
    if (!ids.count(id)) out.push_back(ks.front().claim + " " + ks.front().variant + " names unknown id '" + id + "'");
  return out;
}

DerivationCoverage derivation_coverage(const std::vector<Assertion>& list, const std::vector<Claim>& claims) {
  DerivationCoverage cov;
  const auto checks = link_checks(claims);
  for (const auto& a : list) {
    if (!counted(a)) continue;
    const LinkStatus s = link_status(a, checks);
    ++cov.assertions;
    cov.checked += s == LinkStatus::Checked;
    ++cov.by_status[s];
  }
  for (const auto& c : claims)
    for (const auto& v : c.variants) {
      if (is_repair(v.slug, v.note)) ++cov.repair_variants;
      else if (v.checks.empty()) ++cov.outside_variants;
    }
  return cov;
}

std::string DerivationCoverage::headline() const {
  return std::to_string(checked) + " of " + std::to_string(assertions) + " assertions checked where they stand";
}

}  // namespace stabcheck
