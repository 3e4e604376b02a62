#include "cli/common.hpp"
#include "cli/shard.hpp"
#include "core/json_file.hpp"
#include "prove/prove.hpp"
#include "reports/corpus.hpp"
#include "reports/figures.hpp"
#include "reports/findings.hpp"
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <unistd.h>

#ifndef STABCHECK_VERSION
#define STABCHECK_VERSION "0.0.0"
#endif
#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace stabcheck::cli {


std::string git_commit() {
  std::string cmd = std::string("git -C '") + STABCHECK_SOURCE_DIR + "' rev-parse --short HEAD 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "unknown";
  char buf[64] = {0};
  std::string out = fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out.empty() ? "unknown" : out;
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

nlohmann::json read_report(const std::string& path) { return read_json_file(path); }

void ensure_writable_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir) || access(dir.c_str(), W_OK) != 0)
    throw std::invalid_argument("output directory '" + dir + "' is not writable");
}

std::string default_ledger_dir() { return std::string(STABCHECK_SOURCE_DIR) + "/tests/expectations"; }

namespace {

/// `holds` on samples and written as a trace polynomial: attempt the exact proof (prove/); `proved` only with a
/// certificate the exact checker accepted. Returns the certificate to write (null when not proved).
nlohmann::json attempt_proof(const Variant& v, VariantResult& r) {
  if (v.trace_bound.empty() || r.verdict != Verdict::Holds) return nullptr;
  prove::ProveResult p;
  try {
    prove::ProveOptions po;
    po.seconds = 10;  // per variant: a bound that cannot be proved must not hold up the run
    p = prove::prove(v.trace_bound, v.trace_where, po);
  } catch (const std::exception& e) {  // a trace form the language rejects: recorded, never fatal
    p.status = prove::ProveResult::Status::Outside;
    p.message = std::string("outside the fragment: ") + e.what();
  }
  VariantResult::Proof pf;
  pf.status = p.message;
  pf.degree = p.degree;
  pf.gram = p.gram;
  pf.seconds = p.seconds;
  if (p.status == prove::ProveResult::Status::Proved) {
    pf.certificate = certificate_file_name(r.claim, r.variant);
    r.verdict = Verdict::Proved;
  }
  r.proof = pf;
  return p.status == prove::ProveResult::Status::Proved ? p.certificate : nlohmann::json(nullptr);
}

}  // namespace

std::vector<RunItem> run_items(const Todo& todo, const std::vector<size_t>& which, const RunArgs& a, const Ledger& ledger) {
  RunOptions opt = a.run;
  auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const bool tty = isatty(STDERR_FILENO);
  std::vector<RunItem> items;
  for (size_t k : which) {
    const auto [c, v] = todo.at(k);
    const std::string at = "[" + std::to_string(k + 1) + "/" + std::to_string(todo.size()) + "] ";
    opt.progress = [&](const std::string& what) {
      if (tty && elapsed() > 1.0) std::cerr << "\r\033[K" << at << what << std::flush;
    };
    RunItem it;
    it.index = k;
    it.result = run_variant(*c, *v, opt);
    if (a.prove) it.certificate = attempt_proof(*v, it.result);
    ledger.apply(it.result);
    const auto& r = it.result;
    if (elapsed() > 1.0) {
      std::cerr << (tty ? "\r\033[K" : "") << at << r.claim << " " << r.variant << ": "
                << verdict_text(r) << (r.matches() ? "" : " (expected " + r.expected_text() + ")") << "  ("
                << r.samples << " samples, " << r.seconds << " s)\n";
    }
    items.push_back(std::move(it));
  }
  return items;
}

RunInfo run_info(const RunArgs& a, const std::string& command, const std::string& started, double seconds) {
  RunInfo info;
  info.version = STABCHECK_VERSION;
  info.git = git_commit();
  info.started = started;
  info.command = command;
  info.seed = a.run.seed;
  info.digits = a.run.digits;
  info.samples = a.run.samples;
  info.jobs = a.run.jobs;
  info.seconds = seconds;
  fill_environment(info);
  return info;
}

void write_reports(const std::vector<VariantResult>& results, const Certificates& certificates, const RunArgs& a,
                   const RunInfo& info, const ReportExtension& extend) {
  ensure_writable_dir(a.out);
  if (!a.record.empty()) ensure_writable_dir(a.record);
  if (!certificates.empty()) fs::create_directories(fs::path(a.out) / "certificates");
  for (const auto& [file, content] : certificates) write_atomically((fs::path(a.out) / file).string(), content);
  nlohmann::json report = report_json(info, results);
  std::string md = report_markdown(info, results);
  if (extend) extend(results, report, md);
  write_atomically((fs::path(a.out) / "report.json").string(), report.dump(2) + "\n");
  write_atomically((fs::path(a.out) / "report.md").string(), md);
  const ProofMap proof_map = write_proof_map(a.out, build_findings(results, registry()));  // before the reports that embed it
  std::cerr << "proof map: " << proof_map.note << "\n";
  const Figures figures = write_slack_figures(a.out, results);  // before report.html, which shows them
  if (!figures.note.empty()) std::cerr << "figures: " << figures.note << "\n";
  write_atomically((fs::path(a.out) / "report.tex").string(), report_latex(info, results, a.out));
  write_atomically((fs::path(a.out) / "report-supplement.tex").string(), report_latex_supplement(info, results));
  write_atomically((fs::path(a.out) / "report.html").string(), report_html(info, results, a.out));
  if (!a.corpus.empty()) {
    auto files = write_corpus(a.corpus, results);
    std::cerr << "corpus: " << files.size() << " file(s) written to " << a.corpus << "\n";
  }
  if (!a.record.empty()) {  // one ledger file per claim run (all its variants were run)
    std::map<std::string, std::vector<const VariantResult*>> by_claim;
    for (const auto& r : results) by_claim[r.claim].push_back(&r);
    for (const auto& [claim, rs] : by_claim)
      write_atomically((fs::path(a.record) / (claim + ".json")).string(), ledger_json(claim, rs).dump(1) + "\n");
    std::cerr << "expectations: " << by_claim.size() << " ledger file(s) written to " << a.record << "\n";
  }
  long mismatches = 0, refuted = 0, holds = 0, proved = 0, other = 0, unrecorded = 0;
  for (const auto& r : results) {
    if (!r.matches()) ++mismatches;
    if (!r.recorded) ++unrecorded;
    (r.verdict == Verdict::Refuted ? refuted : r.verdict == Verdict::Holds ? holds : r.verdict == Verdict::Proved ? proved : other) += 1;
  }
  std::cout << results.size() << " variants: " << proved << " proved, " << holds << " hold, " << refuted << " refuted, " << other
            << " other; " << mismatches << " differ from expected"
            << (unrecorded ? ", " + std::to_string(unrecorded) + " without a recorded expectation" : std::string()) << ". Report: " << (fs::path(a.out) / "report.md").string()
            << " (" << info.seconds << " s)\n";
}

Certificates certificate_files(const std::vector<RunItem>& items) {
  Certificates out;
  for (const auto& it : items)
    if (!it.certificate.is_null()) out.emplace_back(it.result.proof->certificate, it.certificate.dump(1) + "\n");
  return out;
}

std::vector<VariantResult> run_and_report(const Todo& todo, const RunArgs& a, const std::string& command,
                                          const Ledger* given, const ReportExtension& extend) {
  if (!a.record.empty() && a.run.families != "*")
    throw std::invalid_argument("--record writes whole claims: it cannot be combined with --families");
  const Ledger loaded = given ? Ledger() : Ledger::load(a.expectations);  // a corrupt ledger stops the run before any output
  const Ledger& ledger = given ? *given : loaded;
  ensure_writable_dir(a.out);
  if (!a.record.empty()) ensure_writable_dir(a.record);
  const std::string started = now_iso();
  auto t0 = std::chrono::steady_clock::now();
  std::vector<size_t> all(todo.size());
  for (size_t k = 0; k < all.size(); ++k) all[k] = k;
  std::vector<RunItem> items = run_items(todo, all, a, ledger);
  std::vector<VariantResult> results;
  for (auto& it : items) results.push_back(it.result);
  const RunInfo info = run_info(a, command, started, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  write_reports(results, certificate_files(items), a, info, extend);
  return results;
}

int exit_code(const std::vector<VariantResult>& results) {
  for (const auto& r : results)
    if (!r.matches()) return 1;
  return 0;
}

}  // namespace stabcheck::cli
