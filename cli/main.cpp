// stabcheck command line: list, run, replay.
#include "core/runner.hpp"
#include "reports/corpus.hpp"
#include "reports/diff.hpp"
#include "reports/report.hpp"
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

using namespace stabcheck;
namespace fs = std::filesystem;

#ifndef STABCHECK_VERSION
#define STABCHECK_VERSION "0.0.0"
#endif
#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

namespace {

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

int cmd_list() {
  for (const auto& c : registry()) {
    std::cout << c.id << "  [" << c.source << "]\n    " << c.statement << "\n";
    for (const auto& v : c.variants)
      std::cout << "    - " << v.slug << "  expected " << verdict_str(v.expected) << "  :  " << v.statement << "\n";
  }
  return 0;
}

struct RunArgs {
  std::string claims = "*", out = "stabcheck-report", corpus;
  int samples = 300, jobs = 2;
  unsigned digits = 50;
  uint64_t seed = 1;
};

int cmd_run(const RunArgs& a, const std::string& command) {
  std::vector<std::pair<const Claim*, const Variant*>> todo;
  for (const auto& c : registry())
    if (id_matches(c.id, a.claims))
      for (const auto& v : c.variants) todo.emplace_back(&c, &v);
  if (todo.empty()) {
    std::cerr << "stabcheck: error: no claim matches '" << a.claims << "' (see 'stabcheck list')\n";
    return 2;
  }
  std::error_code ec;
  fs::create_directories(a.out, ec);
  if (ec || !fs::is_directory(a.out) || access(a.out.c_str(), W_OK) != 0) {
    std::cerr << "stabcheck: error: output directory '" << a.out << "' is not writable\n";
    return 2;
  }
  RunOptions opt;
  opt.samples = a.samples;
  opt.digits = a.digits;
  opt.seed = a.seed;
  opt.jobs = a.jobs;
  const std::string started = now_iso();
  auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const bool tty = isatty(STDERR_FILENO);
  std::vector<VariantResult> results;
  size_t i = 0;
  for (auto [c, v] : todo) {
    ++i;
    opt.progress = [&](const std::string& what) {
      if (tty && elapsed() > 1.0)
        std::cerr << "\r\033[K[" << i << "/" << todo.size() << "] " << what << std::flush;
    };
    results.push_back(run_variant(*c, *v, opt));
    const auto& r = results.back();
    if (elapsed() > 1.0) {
      std::cerr << (tty ? "\r\033[K" : "") << "[" << i << "/" << todo.size() << "] " << r.claim << " " << r.variant << ": "
                << verdict_str(r.verdict) << (r.matches() ? "" : " (expected " + verdict_str(r.expected) + ")") << "  ("
                << r.samples << " samples, " << r.seconds << " s)\n";
    }
  }
  RunInfo info;
  info.version = STABCHECK_VERSION;
  info.git = git_commit();
  info.started = started;
  info.command = command;
  info.seed = a.seed;
  info.digits = a.digits;
  info.samples = a.samples;
  info.jobs = a.jobs;
  info.seconds = elapsed();
  fill_environment(info);
  auto js = report_json(info, results).dump(2) + "\n";
  auto md = report_markdown(info, results);
  write_atomically((fs::path(a.out) / "report.json").string(), js);
  write_atomically((fs::path(a.out) / "report.md").string(), md);
  write_atomically((fs::path(a.out) / "report.tex").string(), report_latex(info, results));
  if (!a.corpus.empty()) {
    auto files = write_corpus(a.corpus, results);
    std::cerr << "corpus: " << files.size() << " file(s) written to " << a.corpus << "\n";
  }
  long mismatches = 0, refuted = 0, holds = 0, other = 0;
  for (const auto& r : results) {
    if (!r.matches()) ++mismatches;
    (r.verdict == Verdict::Refuted ? refuted : r.verdict == Verdict::Holds ? holds : other) += 1;
  }
  std::cout << results.size() << " variants: " << holds << " hold, " << refuted << " refuted, " << other
            << " other; " << mismatches << " differ from expected. Report: " << (fs::path(a.out) / "report.md").string()
            << " (" << info.seconds << " s)\n";
  return mismatches == 0 ? 0 : 1;
}

int cmd_replay(const std::string& token, unsigned digits) {
  Replay r;
  if (token.size() > 5 && token.substr(token.size() - 5) == ".json") {  // a corpus file: its exact inputs
    CorpusEntry e = read_corpus_file(token);
    const Claim& c = find_claim(e.claim);
    r = replay(c.variant(e.variant), Origin{e.claim, e.variant, "corpus:" + token, 0, 0, {}}, e.sample, digits);
    std::cout << "corpus file " << token << " (" << e.kind << ", recorded from " << e.token << ")\n";
  } else {
    r = replay(token, digits);
  }
  std::cout << "replay " << r.origin.token() << "\n" << r.statement << "\n\n" << to_text(r.sample) << "\n";
  std::cout << "double:       lhs = " << r.lhs_double << "   rhs = " << r.rhs_double << "\n";
  std::cout << digits << " digits:    lhs = " << r.lhs_mpfr << "\n              rhs = " << r.rhs_mpfr
            << "\n              relative slack = " << r.slack_mpfr << "\n";
  std::cout << "enclosures:   lhs in " << r.exact.lhs << "\n              rhs in " << r.exact.rhs << "\n              slack in "
            << r.exact.slack << "  (" << r.exact.method << ")\n";
  std::cout << "violation: " << (r.violated ? (r.exact.certified ? "yes, certified" : "yes, not certified") : "no") << "\n";
  return 0;
}

nlohmann::json read_report(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read '" + path + "'");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument("'" + path + "' is not JSON: " + e.what());
  }
}

int cmd_diff(const std::string& a, const std::string& b, double factor) {
  DiffResult d = diff_reports(read_report(a), read_report(b), factor);
  std::cout << d.markdown;
  return d.verdict_changes > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(i == 0 ? "stabcheck" : argv[i]);
  CLI::App app{"stabcheck: numerical verification of the stability bounds of Chang & Khanna (NeurIPS 2025)\n  stabcheck list | run | replay | diff   (stabcheck SUBCOMMAND --help)"};
  app.set_version_flag("--version", STABCHECK_VERSION);
  app.require_subcommand(1);
  auto* list = app.add_subcommand("list", "List claims and variants with their sources and expected verdicts");
  RunArgs ra;
  auto* run = app.add_subcommand("run", "Check claims; write DIR/report.json and DIR/report.md; exit 1 if a verdict differs from its expectation");
  run->add_option("--claims", ra.claims, "Claim IDs to run: glob patterns separated by commas (default: all)");
  run->add_option("--samples", ra.samples, "Samples per family and variant")->check(CLI::Range(1, 1000000));
  run->add_option("--digits", ra.digits, "Decimal digits of the deciding precision (confirmation uses twice as many)")->check(CLI::Range(20u, 2000u));
  run->add_option("--seed", ra.seed, "Seed of the random families");
  run->add_option("--jobs", ra.jobs, "Worker threads")->check(CLI::Range(1, 256));
  run->add_option("--out", ra.out, "Output directory");
  run->add_option("--corpus", ra.corpus, "Also save every certified counterexample and tightest sample as an exact file in this directory (e.g. tests/corpus)");
  std::string token;
  unsigned rdigits = 50;
  auto* rep = app.add_subcommand("replay", "Re-evaluate one sample exactly from its replay token");
  rep->add_option("token", token, "Replay token CLAIM/variant/family/seed/index[/shrink.path], or a corpus file (*.json)")->required();
  rep->add_option("--digits", rdigits, "Decimal digits")->check(CLI::Range(20u, 2000u));
  std::string old_report, new_report;
  double factor = 10;
  auto* dif = app.add_subcommand("diff", "Compare two report.json files (Markdown); exit 1 when a verdict changed");
  dif->add_option("old", old_report, "Old report.json")->required();
  dif->add_option("new", new_report, "New report.json")->required();
  dif->add_option("--factor", factor, "Report smallest slacks that moved by more than this factor")->check(CLI::Range(1.0, 1e300));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "stabcheck: error: " << e.what() << " (see 'stabcheck --help')\n";
    return 2;
  }
  try {
    if (*list) return cmd_list();
    if (*run) return cmd_run(ra, command);
    if (*rep) return cmd_replay(token, rdigits);
    if (*dif) return cmd_diff(old_report, new_report, factor);
  } catch (const std::invalid_argument& e) {
    std::cerr << "stabcheck: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "stabcheck: error: " << e.what() << "\n";
    return 3;
  }
  return 2;
}
