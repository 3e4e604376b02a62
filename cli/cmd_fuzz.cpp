// stabcheck fuzz: check a conjectured matrix bound typed on the command line (or many from a file)
// without recompiling; same verdicts, reports and replay tokens as `stabcheck run`.
// Exit codes: 0 no disagreement with a given expectation (refuted conjectures without one are reported,
// not failed), 1 a verdict differs from its expectation, 2 bad input (nothing sampled).
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/shard.hpp"
#include "fuzz/fuzz.hpp"
#include "fuzz/repair.hpp"
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

namespace stabcheck::cli {
namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

double parse_budget(const std::string& s) {
  static const std::regex re(R"(\s*([0-9]*\.?[0-9]+)\s*(s|sec|m|min)?\s*)");
  std::smatch m;
  if (!std::regex_match(s, m, re)) throw std::invalid_argument("--budget expects seconds such as 30, 30s or 2m, found '" + s + "'");
  double v = std::stod(m[1]);
  if (m[2].matched && (m[2] == "m" || m[2] == "min")) v *= 60;
  if (v <= 0 || v > 86400) throw std::invalid_argument("--budget must be in (0, 86400] seconds, found '" + s + "'");
  return v;
}

/// The repair stage of one bound: the tries, or why the stage failed (an optional stage never loses the verdict).
struct RepairStage {
  std::vector<fuzz::RepairTry> tries;
  std::string failed;
  bool shown() const { return !tries.empty() || !failed.empty(); }  // something to report
};

struct Early {  // first refutation in a search round
  double seconds = -1;
  double printed = -1;  // seconds from the start of the command to the printed certified verdict
  int samples_per_family = 0;
  std::string family;
};

struct Fuzz : Command {
  std::vector<Early> early_;
  std::string bound, where, file, dims = "1..6", budget = "10", search = "full", replay_token, name = "bound";
  RunArgs a;
  int samples = 0;
  bool prove_ = false, repair_ = false, no_repair_ = false;
  std::string shard;
  mutable std::map<size_t, RepairStage> repairs_;  // per bound index, computed once (--repair)
  CLI::App* add(CLI::App& app) override {
    a.out = "stabcheck-fuzz";
    auto* f = app.add_subcommand("fuzz",
                                 "Check a conjectured matrix bound without recompiling: certified counterexample or evidence that it holds "
                                 "(grammar: README, 'Fuzzing your own bounds'); exit 0 ok, 1 a verdict differs from a given expectation, 2 bad input");
    f->add_option("bound", bound, "The bound, e.g. 'tr(A*B) <= lmax(A)*tr(B)' (quote it for the shell)");
    f->add_option("--where,-w", where, "Declarations, e.g. 'A: psd, B: sym, t: scalar in [0,1], n: int in [1,4], H[1..n]: psd'");
    f->add_option("--file,-f", file, "Bounds file: one per line '[NAME:] BOUND where DECLS [expect holds|refuted]', or blocks of name:/bound:/where:/expect:/dims: lines");
    f->add_option("--dims", dims, "Shared dimension d: LO..HI or N, within 1..8 (default 1..6)");
    f->add_option("--budget", budget, "Seconds per bound (e.g. 30, 30s, 2m; default 10): sets the samples per family");
    f->add_option("--samples", samples, "Samples per family (overrides --budget)")->check(CLI::Range(1, 1000000));
    f->add_option("--search", search, "Families: full (structured + plain random + NLopt local search, default), structured, random (plain random sampling only: the baseline)");
    f->add_option("--seed", a.run.seed, "Seed of the random families");
    f->add_option("--digits", a.run.digits, "Decimal digits of the deciding precision (confirmation uses twice as many)")->check(CLI::Range(20u, 2000u));
    f->add_option("--jobs", a.run.jobs, "Worker threads")->check(CLI::Range(1, 256));
    // The bound language has its own local search (--search full); the run's knob search is off unless asked for.
    a.run.search_budget = 0;
    f->add_option("--search-budget", a.run.search_budget, "Also the adversarial search of `stabcheck run` over the families' knobs, this many "
                                                          "points per bound (default 0: the bound language's own search, --search, suffices)")
        ->check(CLI::Range(0L, 100000000L));
    f->add_option("--out", a.out, "Output directory (default stabcheck-fuzz)");
    f->add_flag("--prove", prove_, "Also attempt an exact sum-of-squares proof of every bound that holds on the samples (trace polynomials; README, 'Proofs'): "
                                   "verdict proved, certificate in OUT/certificates/");
    f->add_flag("--repair", repair_, "For a refuted bound, check stronger hypotheses (general > sym > psd > pd, rank one, diagonal; "
                                     "d = 1, 2; halves of a scalar range) and report the weakest that hold (default for a command-line bound)");
    f->add_flag("--no-repair", no_repair_, "Do not look for repairs of a refuted command-line bound");
    f->add_option("--name", name, "Name of a command-line bound (claim FUZZ-NAME in reports and tokens)");
    f->add_option("--shard", shard, "Fuzz only shard I of N (I/N: every N-th bound of --file from the I-th) and write the partial result "
                                    "OUT/shard-I-of-N.json; 'stabcheck merge' of all N writes the report");
    f->add_option("--replay", replay_token, "Re-evaluate one sample of this bound from its replay token FUZZ-NAME/as-stated/FAMILY/SEED/INDEX[/path] (same bound, --where and --dims)");
    return f;
  }
  int order() const override { return 40; }

  fuzz::Options options() const {
    fuzz::Options o;
    std::tie(o.dlo, o.dhi) = fuzz::parse_dims(dims);
    o.mode = fuzz::parse_search_mode(search);
    o.digits = a.run.digits;
    return o;
  }

  std::vector<fuzz::Spec> specs() const {
    if (!file.empty() && !bound.empty()) throw std::invalid_argument("give either a bound or --file, not both");
    if (file.empty() && bound.empty())
      throw std::invalid_argument("no bound given: stabcheck fuzz 'tr(A*B) <= lmax(A)*tr(B)' --where 'A: psd, B: psd' (or --file FILE; see --help)");
    if (!file.empty()) {
      if (!where.empty()) throw std::invalid_argument("--where applies to a command-line bound; in a file write 'BOUND where DECLS'");
      return fuzz::read_specs(file);
    }
    fuzz::Spec s;
    s.name = name;
    s.text = bound;
    s.where = where;
    return {s};
  }

  int run() override {
    const auto started = std::chrono::steady_clock::now();
    fuzz::Options opt = options();
    std::vector<fuzz::FuzzClaim> claims;
    for (const auto& s : specs()) {
      try {
        claims.push_back(fuzz::make_claim(s, opt));
      } catch (const fuzz::ParseError& e) {
        std::string at = s.line ? file + ":" + std::to_string(s.line) + ": " : "";
        bool in_where = std::string(e.what()).find("in --where") != std::string::npos;
        std::cerr << "stabcheck: error: " << at << (in_where ? e.what() : e.pretty()) << "\n";
        if (in_where && e.column > 0) std::cerr << "  " << e.text << "\n  " << std::string(size_t(e.column - 1), ' ') << "^\n";
        return 2;
      }
    }
    if (!replay_token.empty()) return replay(claims);
    const Shard sh = shard.empty() ? Shard{} : parse_shard(shard);
    const std::vector<size_t> mine = shard_items(claims.size(), sh);
    ensure_writable_dir(a.out);
    const double secs = parse_budget(budget);
    // Search rounds of 4, 16, 64, ... samples per family (a round's samples are the first ones of the report
    // run: same seed) until a refutation or a quarter of the budget; they time the refutation and measure the
    // cost of a sample, which sets the samples per family of the report run.
    early_.assign(claims.size(), Early{});
    for (size_t i : mine) {
      auto& fc = claims[i];
      int n = samples;
      if (n == 0) {
        double spent = 0, per = 1e-5;
        int m = 4;
        for (;; m *= 4) {
          auto probe = fuzz::make_claim(fc.spec, opt);
          RunOptions ro = a.run;
          ro.samples = m;
          auto t0 = std::chrono::steady_clock::now();
          VariantResult r = run_variant(probe.claim, probe.claim.variants[0], ro);
          double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
          per = std::max(per, dt / m);
          if (r.verdict == Verdict::Refuted && r.counterexample) {
            double t = probe.timing->first_violation.load();
            early_[i] = Early{spent + (t >= 0 ? t : dt), -1, m, r.counterexample->origin.family};
            if (r.certified) early_[i].printed = print_early_verdict(fc, r, started);
            spent += dt;
            break;
          }
          spent += dt;
          if (spent > 0.25 * secs || m >= 4096) break;
        }
        n = int(std::clamp(0.7 * std::max(0.0, secs - spent) / per, double(m), 200000.0));
      }
      fc = fuzz::make_claim(fc.spec, opt);  // fresh timers
      fc.claim.variants[0].samples_per_family = n;
    }
    Todo todo;
    for (auto& fc : claims) {
      if (prove_) {  // run_and_report attempts the proof of a `holds` (prove::prove) and writes its certificate
        fc.claim.variants[0].trace_bound = fc.spec.text;
        fc.claim.variants[0].trace_where = fc.spec.where;
      }
      todo.emplace_back(&fc.claim, &fc.claim.variants[0]);
    }
    a.prove = prove_;
    a.run.samples = claims.front().claim.variants[0].samples_per_family;  // bound 1: in shard 1 when sharded
    const Ledger expect = expectations(claims);
    if (sh.active())
      return run_shard(todo, a, sh, "fuzz", options_json(claims), command_line, expect, [&](const RunItem& it) {
        return nlohmann::json{{"entry", entry(it.index, claims[it.index], it.result)}, {"row", row(it.index, claims[it.index], it.result)}};
      });
    auto results = run_and_report(todo, a, command_line, &expect,
                                  [&](const std::vector<VariantResult>& rs, nlohmann::json& js, std::string& md) { extend(claims, rs, js, md); });
    return summarize(claims, results, opt);
  }

  /// A certified refutation found by a search round is printed at once, before the report run, the best constant and
  /// the repairs (issue 35: a verdict in a second); returns the seconds from the start of the command.
  double print_early_verdict(const fuzz::FuzzClaim& fc, const VariantResult& r, std::chrono::steady_clock::time_point started) const {
    const double at = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << fc.claim.id << ": " << fc.spec.text << "\n  verdict: refuted (certified: " << r.certificate->method << ") after "
              << short_decimal(std::to_string(at), 3) << " s; counterexample (" << r.counterexample->origin.family
              << "): lhs = " << short_decimal(r.counterexample->lhs, 10) << "  rhs = " << short_decimal(r.counterexample->rhs, 10)
              << "\n  replay: " << replay_command(fc, r.counterexample->origin.token())
              << "\n  (the report run, the best constant" << (repairing() ? " and the repairs" : "") << " follow)\n"
              << std::flush;
    return at;
  }

  std::string replay_command(const fuzz::FuzzClaim& fc, const std::string& token) const {
    std::ostringstream os;
    os << "stabcheck fuzz " << shell_quote(fc.spec.text) << " --where " << shell_quote(fc.spec.where) << " --dims "
       << (fc.spec.dims ? std::to_string(fc.spec.dims->first) + ".." + std::to_string(fc.spec.dims->second) : dims);
    if (fc.spec.name != "bound") os << " --name " << shell_quote(fc.spec.name);  // the token names the claim FUZZ-<name>
    os << " --replay " << token;
    return os.str();
  }

  /// How the counterexample of bound i was found: the method of its family, the draw, the time to refutation.
  struct Found {
    std::string how = "-", draws = "-", ttr = "-";
    long draw = 0;
    double seconds = -1;
    bool in_search_round = false;
  };
  Found found(size_t i, const fuzz::FuzzClaim& fc, const VariantResult& r) const {
    Found f;
    if (!r.counterexample) return f;
    const auto& o = r.counterexample->origin;
    size_t fam_pos = 0;
    for (size_t k = 0; k < fc.claim.families.size(); ++k)
      if (fc.claim.families[k].name == o.family) fam_pos = k;
    f.draw = long(fam_pos) * fc.claim.variants[0].samples_per_family + o.index + 1;
    f.how = fuzz::family_method(o.family);
    f.draws = std::to_string(f.draw);
    f.seconds = fc.timing->first_violation.load();
    if (i < early_.size() && early_[i].seconds >= 0) {  // found in a search round
      f.seconds = early_[i].seconds;
      f.in_search_round = true;
    }
    f.ttr = f.seconds >= 0 ? std::to_string(f.seconds) : "-";
    return f;
  }

  /// The user's `expect holds|refuted`, compared like the suite's ledger.
  static Ledger expectations(const std::vector<fuzz::FuzzClaim>& claims) {
    Ledger expect;
    for (const auto& fc : claims)
      if (fc.spec.expect) expect.set(fc.claim.id, fc.claim.variants[0].slug, Expectation{*fc.spec.expect, std::nullopt});
    return expect;
  }

  /// What must agree between the shards of a fuzz run: the bounds themselves and the options that shape the samples.
  nlohmann::json options_json(const std::vector<fuzz::FuzzClaim>& claims) const {
    nlohmann::json specs = nlohmann::json::array();
    for (const auto& fc : claims) specs.push_back(spec_json(fc.spec));
    return {{"specs", specs}, {"dims", dims}, {"search", search}, {"samples", samples}, {"budget", budget},
            {"digits", a.run.digits}, {"seed", a.run.seed}, {"prove", prove_}};
  }

  /// The fuzz block of report.json and report.md, added before the reports are written (nothing is read back).
  /// Repairs are looked for by default for one command-line bound, on request (--repair) for a file.
  bool repairing() const {
    if (repair_ && no_repair_) throw std::invalid_argument("give --repair or --no-repair, not both");
    return repair_ || (file.empty() && !no_repair_);
  }

  /// The repair hints of bound i when it is a certified refutation (fuzz/repair.hpp; per hypothesis the bound's samples
  /// per family, at most 100), computed once. A failure of the stage is recorded with its reason, never thrown: the verdict stands.
  const RepairStage& repairs_of(size_t i, const fuzz::FuzzClaim& fc, const VariantResult& r) const {
    auto it = repairs_.find(i);
    if (it != repairs_.end()) return it->second;
    RepairStage st;
    if (repairing() && r.verdict == Verdict::Refuted && r.certified) {
      std::cerr << "looking for repairs of " << fc.spec.text << " ...\n";
      try {
        st.tries = fuzz::repair_hints(fc.spec, options(), a.run, std::min(100, fc.claim.variants[0].samples_per_family));
      } catch (const std::exception& e) {
        st.failed = e.what();
        std::cerr << "repairs failed (the verdict stands): " << st.failed << "\n";
      }
    }
    return repairs_[i] = std::move(st);
  }

  /// "repairs (N stronger hypotheses tried, M hold on the samples):" then the weakest that hold, then the rest.
  static std::string repair_text(const RepairStage& st) {
    std::ostringstream os;
    if (!st.failed.empty()) return "  repairs: failed (" + st.failed + "); the verdict stands\n";
    const auto& ts = st.tries;
    int held = 0;
    for (const auto& t : ts) held += t.verdict == Verdict::Holds;
    os << "  repairs (" << ts.size() << " stronger hypotheses tried, " << held << " hold on the samples):\n";
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& t : ts) {
        if ((pass == 0) != t.weakest) continue;
        os << "    " << (t.weakest ? "weakest that holds: " : verdict_str(t.verdict) + (t.established ? "" : " (not established)") + ": ")
           << t.change << "  (" << t.samples << " samples" << (t.best_constant.empty() ? "" : "; " + t.best_constant) << ")\n";
      }
    return os.str();
  }

  void extend(const std::vector<fuzz::FuzzClaim>& claims, const std::vector<VariantResult>& results, nlohmann::json& js,
              std::string& markdown) const {
    std::vector<nlohmann::json> entries;
    std::vector<std::string> rows;
    for (size_t i = 0; i < claims.size(); ++i) {
      entries.push_back(entry(i, claims[i], results[i]));
      rows.push_back(row(i, claims[i], results[i]));
    }
    add_fuzz_block(entries, rows, js, markdown);
    for (size_t i = 0; i < claims.size(); ++i)
      if (const RepairStage& st = repairs_of(i, claims[i], results[i]); st.shown())
        markdown += "\nRepairs of `" + claims[i].spec.text + "`:\n\n```\n" + repair_text(st) + "```\n";
  }

  /// One bound's row of the fuzz table of report.md.
  std::string row(size_t i, const fuzz::FuzzClaim& fc, const VariantResult& r) const {
    const Found f = found(i, fc, r);
    std::ostringstream md;
    md << "| `" << fc.spec.text << "` | " << verdict_text(r) << " | " << (r.counterexample ? (r.certified ? "yes" : "no") : "-")
       << " | " << f.how << " | " << f.draws << " | " << f.ttr << " |\n";
    return md.str();
  }

  /// One bound's entry of the fuzz block of report.json.
  nlohmann::json entry(size_t i, const fuzz::FuzzClaim& fc, const VariantResult& r) const {
    const Found f = found(i, fc, r);
    nlohmann::json e;
    e["claim"] = r.claim;
    e["bound"] = fc.spec.text;
    e["where"] = fc.spec.where;
    e["dims"] = fc.spec.dims ? std::to_string(fc.spec.dims->first) + ".." + std::to_string(fc.spec.dims->second) : dims;
    e["search"] = search;
    e["samples_per_family"] = fc.claim.variants[0].samples_per_family;
    e["expected"] = r.expected_text() == "none recorded" ? "none" : r.expected_text();
    e["verdict"] = verdict_str(r.verdict);
    e["verdict_text"] = verdict_text(r);
    if (r.proof) {
      e["proof"] = {{"status", r.proof->status}, {"degree", r.proof->degree}, {"gram_size", r.proof->gram}, {"seconds", r.proof->seconds}};
      if (!r.proof->certificate.empty()) e["proof"]["certificate"] = r.proof->certificate;
    }
    e["certified"] = r.certified;
    e["established"] = r.established();
    if (r.counterexample) {
      const auto& o = r.counterexample->origin;
      if (f.in_search_round) e["search_round"] = {{"samples_per_family", early_[i].samples_per_family}, {"family", early_[i].family}};
      if (i < early_.size() && early_[i].printed >= 0) e["seconds_to_printed_verdict"] = early_[i].printed;
      e["found_by"] = f.how;
      e["family"] = o.family;
      e["draws_to_refutation"] = f.draw;
      if (f.seconds >= 0) e["seconds_to_refutation"] = f.seconds;
      e["replay"] = replay_command(fc, o.token());
    }
    if (r.best_constant)
      e["best_constant"] = {{"text", best_constant_text(r)}, {"ratio", r.best_constant->ratio}, {"replay", replay_command(fc, r.best_constant->origin.token())}};
    e["seconds"] = r.seconds;
    if (const RepairStage& st = repairs_of(i, fc, r); !st.failed.empty()) {
      e["repair_stage"] = {{"status", "failed"}, {"why", st.failed}};
    } else if (!st.tries.empty()) {
      e["repair_stage"] = {{"status", "done"}};
      nlohmann::json rs = nlohmann::json::array();
      for (const auto& t : st.tries)
        rs.push_back({{"change", t.change}, {"where", t.spec.where}, {"verdict", verdict_str(t.verdict)}, {"established", t.established},
                      {"samples", t.samples}, {"best_constant", t.best_constant}, {"weakest", t.weakest},
                      {"dims", t.spec.dims ? std::to_string(t.spec.dims->first) + ".." + std::to_string(t.spec.dims->second) : dims}});
      e["repairs"] = rs;
    }
    return e;
  }

  /// The terminal summary; exit code 1 when a verdict differs from the expectation the user gave.
  int summarize(const std::vector<fuzz::FuzzClaim>& claims, const std::vector<VariantResult>& results, const fuzz::Options& opt) {
    int code = 0;
    for (size_t i = 0; i < claims.size(); ++i) {
      const auto& fc = claims[i];
      const auto& r = results[i];
      const Found f = found(i, fc, r);
      std::cout << "\n" << r.claim << ": " << fc.spec.text << (fc.spec.where.empty() ? "" : "   [" + fc.spec.where + "]") << "\n  verdict: "
                << verdict_str(r.verdict);
      if (r.verdict == Verdict::Refuted) {
        std::cout << (r.certified ? " (certified: " + r.certificate->method + ")"
                                  : " (uncertified: confirmed at " + std::to_string(2 * opt.digits) + " digits only; " + v_no_enclosure(fc) + ")");
        std::cout << "\n  found by " << f.how << " (draw " << f.draws << " of this run)" << (f.ttr != "-" ? "; time to refutation " + f.ttr + " s" : "")
                  << "\n  counterexample (" << r.counterexample->origin.family << "): lhs = " << short_decimal(r.counterexample->lhs, 16)
                  << "  rhs = " << short_decimal(r.counterexample->rhs, 16) << "  relative slack = " << short_decimal(r.counterexample->slack, 6) << "\n"
                  << to_text(r.counterexample->sample) << "  replay: " << replay_command(fc, r.counterexample->origin.token()) << "\n";
      } else if (r.verdict == Verdict::Holds || r.verdict == Verdict::Proved) {
        std::cout << " on " << r.samples << " samples (" << fc.claim.families.size() << " families)";
        if (r.tightest) std::cout << "; tightest relative slack " << slack_text(*r.tightest) << " (" << r.tightest->origin.family << ")";
        if (r.cleared) std::cout << "; " << r.cleared << " multiprecision violation(s) cleared by the exact tier";
        std::cout << "\n";
        if (r.proof) std::cout << "  exact proof: " << r.proof->status << (r.proof->certificate.empty() ? "" : " (" + (std::filesystem::path(a.out) / r.proof->certificate).string() + ")") << "\n";
      } else {
        std::cout << ": " << r.reason << "\n";
      }
      if (const RepairStage& st = repairs_of(i, fc, r); st.shown()) std::cout << repair_text(st);
      if (r.best_constant) std::cout << "  best constant: " << best_constant_text(r) << " (" << r.best_constant->origin.token() << ")\n";
      if (r.recorded) {  // the user's `expect`, compared by the same rule as `stabcheck run` (VariantResult::matches)
        if (!r.matches()) code = 1;
        std::cout << "  expected " << r.expected_text() << ": " << (r.matches() ? "agrees" : "DISAGREES") << "\n";
      } else if (r.verdict == Verdict::Refuted) {
        std::cout << "  (no expected verdict given: exit code unaffected)\n";
      }
    }
    return code;
  }

  int replay(const std::vector<fuzz::FuzzClaim>& claims) {
    if (claims.size() != 1) throw std::invalid_argument("--replay needs exactly one bound");
    const auto& fc = claims.front();
    Origin o = Origin::parse(replay_token);
    if (o.claim != fc.claim.id)
      throw std::invalid_argument("replay token is for " + o.claim + ", but this bound is " + fc.claim.id + " (pass --name " + o.claim.substr(5) + ")");
    const Variant& v = fc.claim.variant(o.variant);
    fc.claim.family(o.family);
    Sample s = regenerate(fc.claim, o);
    Replay r = stabcheck::replay(v, o, s, a.run.digits);
    std::cout << "replay " << r.origin.token() << "\n" << fc.spec.text << "   [" << fc.spec.where << "]\n\n" << to_text(r.sample) << "\n";
    std::cout << "double:       lhs = " << r.lhs_double << "   rhs = " << r.rhs_double << "\n";
    std::cout << a.run.digits << " digits:    lhs = " << r.lhs_mpfr << "\n              rhs = " << r.rhs_mpfr
              << "\n              relative slack = " << r.slack_mpfr << "\n";
    std::cout << "enclosures:   lhs in " << r.exact.lhs << "\n              rhs in " << r.exact.rhs << "\n              slack in "
              << r.exact.slack << "  (" << r.exact.method << ")\n";
    std::cout << "verdict on this sample: " << r.outcome << "\n";
    return 0;
  }
  static std::string v_no_enclosure(const fuzz::FuzzClaim& fc) {
    const auto& reason = fc.claim.variants.front().eval.no_enclosure;
    return reason.empty() ? "no enclosure" : reason;
  }
};
STABCHECK_COMMAND(Fuzz)

}  // namespace
}  // namespace stabcheck::cli
