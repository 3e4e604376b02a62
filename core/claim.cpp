#include "core/claim.hpp"
#include <algorithm>
#include <stdexcept>

namespace stabcheck {

std::string rel_str(Rel r) {
  switch (r) {
    case Rel::Le: return "<=";
    case Rel::Ge: return ">=";
    case Rel::Eq: return "==";
  }
  return "?";
}

std::string verdict_str(Verdict v) {
  switch (v) {
    case Verdict::Holds: return "holds";
    case Verdict::Refuted: return "refuted";
    case Verdict::Inconclusive: return "inconclusive";
    case Verdict::NotCheckable: return "not-checkable";
    case Verdict::Proved: return "proved";
  }
  return "?";
}

Verdict parse_verdict(const std::string& s) {
  for (Verdict v : {Verdict::Holds, Verdict::Refuted, Verdict::Inconclusive, Verdict::NotCheckable, Verdict::Proved})
    if (verdict_str(v) == s) return v;
  throw std::invalid_argument("unknown verdict '" + s + "'");
}

Use parse_use(const std::string& entry) {
  const auto colon = entry.find(':');
  if (colon == std::string::npos) return {entry, ""};
  return {entry.substr(0, colon), entry.substr(colon + 1)};
}

bool is_repair(const std::string& slug, const std::string& note) {
  std::string s = slug + " " + note;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s.find("repair") != std::string::npos;
}

const Family& Claim::family(const std::string& name) const {
  for (const auto& f : families) if (f.name == name) return f;
  throw std::invalid_argument("claim " + id + " has no family '" + name + "'");
}

const Variant& Claim::variant(const std::string& slug) const {
  for (const auto& v : variants) if (v.slug == slug) return v;
  throw std::invalid_argument("claim " + id + " has no variant '" + slug + "'");
}

namespace {
std::vector<Claim (*)()>& makers() {
  static std::vector<Claim (*)()> m;
  return m;
}
}  // namespace

// Claims are built on first use (not during static initialisation) and sorted by ID.
std::vector<Claim>& registry() {
  static std::vector<Claim> r = [] {
    std::vector<Claim> out;
    for (auto* make : makers()) out.push_back(make());
    std::sort(out.begin(), out.end(), [](const Claim& a, const Claim& b) { return a.id < b.id; });
    return out;
  }();
  return r;
}

Registrar::Registrar(Claim (*make)()) { makers().push_back(make); }

const Claim* lookup_claim(const std::string& id) {
  for (const auto& c : registry()) if (c.id == id) return &c;
  return nullptr;
}

const Claim& find_claim(const std::string& id) {
  if (const Claim* c = lookup_claim(id)) return *c;
  throw std::invalid_argument("unknown claim '" + id + "' (see 'stabcheck list')");
}

}  // namespace stabcheck
