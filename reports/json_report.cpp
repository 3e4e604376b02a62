#include "reports/report.hpp"
#include <arb.h>
#include <boost/version.hpp>
#include <flint/flint.h>
#include <gmp.h>
#include <mpfr.h>
#include <sys/utsname.h>
#include <thread>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace stabcheck {

static nlohmann::json evaluated_json(const Evaluated& e) {
  return {{"inputs", to_json(e.sample)}, {"lhs", e.lhs}, {"rhs", e.rhs}, {"slack", e.slack},
          {"relative_slack", e.rel_slack}, {"tier", e.tier}, {"replay", e.origin.token()}};
}

nlohmann::json statement_json(const VariantResult& r) {
  return {{"variant", r.variant}, {"source", r.source}, {"statement", r.statement}, {"claim_statement", r.claim_statement},
          {"relation", r.relation}};
}

nlohmann::json report_json(const RunInfo& info, const std::vector<VariantResult>& results) {
  nlohmann::json j = {
      {"tool", "stabcheck"},     {"version", info.version}, {"git", info.git},         {"seed", info.seed},
      {"digits", info.digits},   {"started", info.started}, {"command", info.command},
      {"environment", {{"compiler", info.compiler}, {"machine", info.machine}, {"libraries", info.libraries}, {"jobs", info.jobs}}},
      {"samples_per_family", info.samples}, {"seconds", info.seconds}, {"claims", nlohmann::json::array()}};
  long mismatches = 0;
  for (const auto& r : results) {
    nlohmann::json c = statement_json(r);
    c["id"] = r.claim;
    c["verdict"] = verdict_str(r.verdict);
    c["expected"] = r.recorded ? verdict_str(r.expected) : "none";  // "none": nothing recorded in the ledger (as in fuzz)
    c["certified"] = r.certified;
    c["samples"] = r.samples;
    c["families"] = r.per_family;
    c["screened_close"] = r.screened_close;
    c["violations"] = r.violations;
    if (!r.note.empty()) c["note"] = r.note;
    if (!r.reason.empty()) c["reason"] = r.reason;
    c["min_slack"] = r.counterexample ? nlohmann::json(r.counterexample->slack)
                   : r.tightest       ? nlohmann::json(r.tightest->slack)
                                      : nlohmann::json(nullptr);
    if (r.counterexample || r.tightest) c["min_slack_text"] = min_slack_text(r);
    c["verdict_text"] = verdict_text(r);
    c["strength"] = strength_text(r);
    c["established"] = r.established();
    c["cleared_by_exact_tier"] = r.cleared;
    c["undecided"] = r.undecided;
    if (r.counterexample) {
      auto ce = evaluated_json(*r.counterexample);
      ce["shrink_steps"] = r.shrink_steps;
      ce["shrink_evaluations"] = r.shrink_evals;
      if (r.certificate)
        ce["certificate"] = {{"certified", r.certificate->certified}, {"method", r.certificate->method},
                             {"lhs", r.certificate->lhs}, {"rhs", r.certificate->rhs}, {"slack", r.certificate->slack}};
      c["counterexample"] = ce;
    }
    if (r.tightest) c["tightest"] = evaluated_json(*r.tightest);
    if (r.best_constant) {
      const auto& b = *r.best_constant;
      c["best_constant"] = {{"extremum", b.extremum}, {"ratio", b.ratio}, {"ratio_text", b.ratio_text}, {"verdict", b.verdict},
                            {"samples", b.samples}, {"replay", b.origin.token()}, {"inputs", to_json(b.sample)}};
      if (!b.growth.empty()) c["best_constant"]["growth"] = b.growth;
    }
    if (r.search) c["search"] = search_json(*r.search);
    if (r.verdict != Verdict::NotCheckable) c["coverage"] = coverage_json(r);
    if (r.proof) {
      c["proof"] = {{"status", r.proof->status}, {"degree", r.proof->degree}, {"gram_size", r.proof->gram}, {"seconds", r.proof->seconds}};
      if (!r.proof->certificate.empty()) c["proof"]["certificate"] = r.proof->certificate;
    }
    c["seconds"] = r.seconds;
    if (!r.matches()) ++mismatches;
    j["claims"].push_back(c);
  }
  j["summary"] = {{"variants", results.size()}, {"mismatches", mismatches}};
  if (runs_paper_claims(results)) j["derivations"] = derivations_json(results);
  return j;
}

void fill_environment(RunInfo& info) {
  info.compiler = std::string("g++ ") + __VERSION__;
  struct utsname u;
  if (uname(&u) == 0) info.machine = std::string(u.sysname) + " " + u.release + " " + u.machine;
  info.machine += ", " + std::to_string(std::thread::hardware_concurrency()) + " cores";
  info.libraries["Eigen"] = std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." + std::to_string(EIGEN_MINOR_VERSION);
  info.libraries["Boost"] = std::to_string(BOOST_VERSION / 100000) + "." + std::to_string(BOOST_VERSION / 100 % 1000) + "." + std::to_string(BOOST_VERSION % 100);
  info.libraries["MPFR"] = mpfr_get_version();
  info.libraries["GMP"] = gmp_version;
  info.libraries["FLINT"] = flint_version;
  info.libraries["Arb"] = std::to_string(__ARB_VERSION) + "." + std::to_string(__ARB_VERSION_MINOR) + "." + std::to_string(__ARB_VERSION_PATCHLEVEL);
}

void write_atomically(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write '" + path + "'");
    out << content;
    out.flush();
    if (!out) { std::remove(tmp.c_str()); throw std::runtime_error("cannot write '" + path + "'"); }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot write '" + path + "'");
  }
}

}  // namespace stabcheck
