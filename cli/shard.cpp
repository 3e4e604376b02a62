#include "cli/shard.hpp"
#include "core/json_file.hpp"
#include "prove/prove.hpp"
#include "reports/partial.hpp"
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#ifndef STABCHECK_VERSION
#define STABCHECK_VERSION "0.0.0"
#endif

namespace stabcheck::cli {

using json = nlohmann::json;

Shard parse_shard(const std::string& s) {
  const auto bad = [&] { return std::invalid_argument("--shard expects I/N with 1 <= I <= N <= 100000, e.g. 2/8, found '" + s + "'"); };
  const auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size()) throw bad();
  auto num = [&](const std::string& t) {
    if (t.empty() || t.size() > 6) throw bad();
    for (char ch : t) if (ch < '0' || ch > '9') throw bad();
    return std::stoi(t);
  };
  Shard out{num(s.substr(0, slash)), num(s.substr(slash + 1))};
  if (out.index < 1 || out.count < 1 || out.index > out.count || out.count > 100000) throw bad();
  return out;
}

std::vector<size_t> shard_items(size_t total, const Shard& s, const std::vector<double>& costs) {
  std::vector<size_t> out;
  if (!costs.empty() && s.active()) {
    if (costs.size() != total) throw std::invalid_argument("balance: " + std::to_string(costs.size()) + " costs for " + std::to_string(total) + " items");
    std::vector<size_t> order(total);
    for (size_t k = 0; k < total; ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return costs[x] > costs[y]; });
    std::vector<double> load(size_t(s.count), 0.0);
    for (size_t k : order) {
      const size_t to = size_t(std::min_element(load.begin(), load.end()) - load.begin());
      load[to] += costs[k];
      if (to == size_t(s.index - 1)) out.push_back(k);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  for (size_t k = 0; k < total; ++k)
    if (!s.active() || k % size_t(s.count) == size_t(s.index - 1)) out.push_back(k);
  return out;
}

std::vector<double> costs_from_report(const std::string& path, const Todo& todo) {
  const json report = read_report(path);
  std::map<std::pair<std::string, std::string>, double> seconds;
  try {
    for (const auto& c : report.at("claims"))
      seconds[{c.at("id").get<std::string>(), c.at("variant").get<std::string>()}] = c.at("seconds").get<double>();
  } catch (const json::exception& e) {
    throw std::invalid_argument("--balance: '" + path + "' is not a stabcheck report.json: " + e.what());
  }
  std::vector<double> known;
  for (const auto& [key, t] : seconds) if (std::isfinite(t) && t >= 0) known.push_back(t);
  std::sort(known.begin(), known.end());
  const double median = known.empty() ? 1.0 : known[known.size() / 2];
  std::vector<double> costs;
  for (const auto& [c, v] : todo) {
    auto it = seconds.find({c->id, v->slug});
    costs.push_back(it != seconds.end() && std::isfinite(it->second) && it->second >= 0 ? it->second : median);
  }
  return costs;
}

std::vector<double> balance_costs(const json& options) {
  if (!options.contains("balance")) return {};
  std::vector<double> costs;
  for (const auto& x : options["balance"]) {
    if (!x.is_number() || !(x.get<double>() >= 0)) throw std::invalid_argument("balance costs must be numbers >= 0");
    costs.push_back(x.get<double>());
  }
  return costs;
}

std::string partial_file_name(const Shard& s) {
  return "shard-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) + ".json";
}

std::string certificate_file_name(const std::string& claim, const std::string& variant) {
  std::string file = claim + "--" + variant + ".json";
  for (char& ch : file) if (ch == '/' || ch == ' ') ch = '_';
  return "certificates/" + file;
}

std::string write_partial(const std::string& dir, const Partial& p) {
  json j = {{"format", kPartialFormat}, {"format_version", kPartialVersion}, {"kind", p.kind},     {"version", p.version},
            {"git", p.git},              {"shard", p.shard.text()},          {"total", p.total},   {"options", p.options},
            {"started", p.started},      {"command", p.command},             {"samples", p.samples}, {"jobs", p.jobs},
            {"seconds", p.seconds},      {"items", json::array()}};
  for (size_t k = 0; k < p.items.size(); ++k) {
    const auto& it = p.items[k];
    j["items"].push_back({{"index", it.index}, {"result", result_to_json(it.result)}, {"certificate", it.certificate},
                          {"extra", k < p.extras.size() ? p.extras[k] : json(nullptr)}});
  }
  const std::string path = (std::filesystem::path(dir) / partial_file_name(p.shard)).string();
  write_atomically(path, j.dump(1) + "\n");
  return path;
}

Partial read_partial(const std::string& path) {
  const auto bad = [&](const std::string& why) {
    return std::invalid_argument("'" + path + "' is not a stabcheck partial result file: " + why);
  };
  const json j = read_json_file(path);
  if (!j.is_object() || j.value("format", "") != kPartialFormat) throw bad("no \"format\": \"" + std::string(kPartialFormat) + "\"");
  Partial p;
  p.path = path;
  try {
    if (j.at("format_version").get<int>() != kPartialVersion)
      throw bad("format version " + j["format_version"].dump() + ", this stabcheck reads " + std::to_string(kPartialVersion));
    p.kind = j.at("kind").get<std::string>();
    if (p.kind != "run" && p.kind != "fuzz") throw bad("kind '" + p.kind + "'");
    p.version = j.at("version").get<std::string>();
    p.git = j.at("git").get<std::string>();
    try {
      p.shard = parse_shard(j.at("shard").get<std::string>());
    } catch (const std::invalid_argument&) {
      throw bad("shard " + j["shard"].dump());
    }
    p.total = j.at("total").get<size_t>();
    p.options = j.at("options");
    if (!p.options.is_object()) throw bad("options is not an object");
    p.started = j.at("started").get<std::string>();
    p.command = j.at("command").get<std::string>();
    p.samples = j.at("samples").get<int>();
    p.jobs = j.at("jobs").get<int>();
    p.seconds = j.at("seconds").get<double>();
    const json& items = j.at("items");
    if (!items.is_array()) throw bad("items is not an array");
    for (const auto& e : items) {
      RunItem it;
      it.index = e.at("index").get<size_t>();
      try {
        it.result = result_from_json(e.at("result"));
      } catch (const std::invalid_argument& x) {
        throw bad("item " + std::to_string(it.index) + ": " + x.what());
      }
      it.certificate = e.at("certificate");
      p.items.push_back(std::move(it));
      p.extras.push_back(e.at("extra"));
    }
  } catch (const json::exception& e) {
    std::string m = e.what();
    if (auto q = m.find("] "); q != std::string::npos) m = m.substr(q + 2);
    throw bad(m);
  }
  // the items are those of the shard, in order
  std::vector<size_t> want;
  try {
    want = shard_items(p.total, p.shard, balance_costs(p.options));
  } catch (const std::invalid_argument& e) {
    throw bad(e.what());
  }
  if (want.size() != p.items.size())
    throw bad(std::to_string(p.items.size()) + " items where shard " + p.shard.text() + " of " + std::to_string(p.total) + " has " +
              std::to_string(want.size()));
  for (size_t k = 0; k < want.size(); ++k)
    if (p.items[k].index != want[k])
      throw bad("item " + std::to_string(p.items[k].index) + " does not belong to shard " + p.shard.text() + " (expected " +
                std::to_string(want[k]) + ")");
  return p;
}

json run_options_json(const RunArgs& a) {
  return {{"claims", a.claims}, {"samples", a.run.samples}, {"digits", a.run.digits}, {"seed", a.run.seed},
          {"prove", a.prove}, {"expectations", a.expectations}};
}

int run_shard(const Todo& todo, const RunArgs& a, const Shard& s, const std::string& kind, const json& options,
              const std::string& command, const Ledger& ledger, const std::function<json(const RunItem&)>& extra) {
  if (!a.corpus.empty() || !a.record.empty())
    throw std::invalid_argument("--corpus and --record apply to the merged run: give them to 'stabcheck merge'");
  ensure_writable_dir(a.out);
  Partial p;
  p.kind = kind;
  p.version = STABCHECK_VERSION;
  p.git = git_commit();
  p.shard = s;
  p.total = todo.size();
  p.options = options;
  p.started = now_iso();
  p.command = command;
  p.samples = a.run.samples;
  p.jobs = a.run.jobs;
  const auto t0 = std::chrono::steady_clock::now();
  p.items = run_items(todo, shard_items(todo.size(), s, balance_costs(options)), a, ledger);
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& it : p.items) p.extras.push_back(extra ? extra(it) : json(nullptr));
  const std::string path = write_partial(a.out, p);
  std::cout << "shard " << s.text() << ": " << p.items.size() << " of " << todo.size() << " variants in " << p.seconds
            << " s. Partial result: " << path << " (stabcheck merge PART... --out DIR writes the report)\n";
  return 0;
}

void recheck(const Claim& c, const Variant& v, const RunItem& it, bool prove, uint64_t seed, unsigned digits,
             const std::string& what) {
  const VariantResult& r = it.result;
  const auto fail = [&](const std::string& why) { return std::invalid_argument(what + ": " + why); };
  if (r.claim != c.id || r.variant != v.slug)
    throw fail("holds the result of " + r.claim + " " + r.variant + " where the run has " + c.id + " " + v.slug + " (item " +
               std::to_string(it.index + 1) + ")");
  if (r.seed != seed || r.digits != digits)
    throw fail(r.claim + " " + r.variant + " was run with seed " + std::to_string(r.seed) + ", " + std::to_string(r.digits) + " digits");
  if (r.certified) {
    if (!r.counterexample || !r.certificate || r.verdict != Verdict::Refuted)
      throw fail(r.claim + " " + r.variant + ": certified without a counterexample and its certificate");
    const Evaluated& ce = *r.counterexample;
    if (ce.origin.claim != c.id || ce.origin.variant != v.slug || ce.origin.seed != seed)
      throw fail(r.claim + " " + r.variant + ": the counterexample's origin " + ce.origin.token() + " is not of this run");
    Sample again;
    try {
      again = regenerate(c, ce.origin);
    } catch (const std::exception& e) {
      throw fail(r.claim + " " + r.variant + ": the counterexample's origin " + ce.origin.token() + " does not regenerate: " + e.what());
    }
    if (exact_sample_json(again) != exact_sample_json(ce.sample))
      throw fail(r.claim + " " + r.variant + ": the counterexample is not the sample of its origin " + ce.origin.token());
    const Certificate cert = judge(v, ce.sample, 2 * digits);
    const Certificate& was = *r.certificate;
    if (!cert.certified)
      throw fail(r.claim + " " + r.variant + ": the counterexample " + ce.origin.token() + " is not certified on re-check (" + cert.method + ")");
    if (cert.certified != was.certified || cert.cleared != was.cleared || cert.method != was.method || cert.lhs != was.lhs ||
        cert.rhs != was.rhs || cert.slack != was.slack || cert.bits != was.bits)
      throw fail(r.claim + " " + r.variant + ": the re-checked certificate of " + ce.origin.token() + " differs from the one recorded");
  }
  const bool has_cert = !it.certificate.is_null();
  if (r.proof && !prove) throw fail(r.claim + " " + r.variant + ": a proof attempt in a run without proofs");
  if (r.verdict == Verdict::Proved || has_cert) {
    if (!(r.verdict == Verdict::Proved && has_cert && r.proof && r.proof->certificate == certificate_file_name(r.claim, r.variant)))
      throw fail(r.claim + " " + r.variant + ": 'proved' needs its certificate (" + certificate_file_name(r.claim, r.variant) + ")");
    if (!it.certificate.is_object() || it.certificate.value("bound", "") != v.trace_bound || it.certificate.value("where", "") != v.trace_where)
      throw fail(r.claim + " " + r.variant + ": the proof certificate is not of the bound '" + v.trace_bound + "'");
    prove::cert::Result ok;
    try {
      ok = prove::check_certificate(it.certificate);
    } catch (const std::exception& e) {
      throw fail(r.claim + " " + r.variant + ": malformed proof certificate: " + e.what());
    }
    if (!ok.valid) throw fail(r.claim + " " + r.variant + ": the proof certificate fails the exact check: " + ok.reason);
  }
}

json spec_json(const fuzz::Spec& s) {
  return {{"name", s.name}, {"text", s.text}, {"where", s.where},
          {"expect", s.expect ? json(verdict_str(*s.expect)) : json(nullptr)},
          {"dims", s.dims ? json::array({s.dims->first, s.dims->second}) : json(nullptr)}, {"line", s.line}};
}

fuzz::Spec spec_from_json(const json& j) {
  try {
    fuzz::Spec s;
    s.name = j.at("name").get<std::string>();
    s.text = j.at("text").get<std::string>();
    s.where = j.at("where").get<std::string>();
    if (!j.at("expect").is_null()) s.expect = parse_verdict(j["expect"].get<std::string>());
    if (!j.at("dims").is_null()) s.dims = std::make_pair(j["dims"].at(0).get<int>(), j["dims"].at(1).get<int>());
    s.line = j.at("line").get<int>();
    return s;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("malformed bound in the options: ") + e.what());
  }
}

const char* const kFuzzMarkdownHeader =
    "\n## Fuzzed bounds (stabcheck fuzz)\n\n| bound | verdict | certified | found by | draws to refutation | time to refutation (s) |\n|---|---|---|---|---|---|\n";

void add_fuzz_block(const std::vector<json>& entries, const std::vector<std::string>& rows, json& report, std::string& markdown) {
  report["fuzz"] = json::array();
  for (const auto& e : entries) report["fuzz"].push_back(e);
  markdown += kFuzzMarkdownHeader;
  for (const auto& r : rows) markdown += r;
}

}  // namespace stabcheck::cli
