// `stabcheck fuzz`: a user's bound becomes an engine Claim at run time (families from the declared kinds,
// a three-tier evaluator of the parsed AST), so run_variant supplies verdicts, shrinking, certification,
// replay tokens and reports.
#pragma once
#include "core/claim.hpp"
#include "fuzz/ast.hpp"
#include "fuzz/sampling.hpp"
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stabcheck::fuzz {

/// One bound to fuzz (command line, or a line/block of a bounds file).
struct Spec {
  std::string name = "bound", text, where;
  std::optional<Verdict> expect;  // empty: a conjecture without expectation
  std::optional<std::pair<int, int>> dims;  // per-bound override of --dims
  int line = 0;                   // in the bounds file (0: command line)
};

/// Bounds file: single lines "[NAME:] BOUND [where DECLS] [expect holds|refuted]" or blocks of
/// "name:/bound:/where:/expect:/dims:" lines separated by blank lines; '#' starts a comment.
/// Throws ParseError with "FILE:LINE: ..." messages.
std::vector<Spec> read_specs(const std::string& path);
std::vector<Spec> parse_specs(const std::string& content, const std::string& origin);

enum class SearchMode { Random, Structured, Full };
SearchMode parse_search_mode(const std::string& s);  // throws std::invalid_argument

/// Parse "1..8" or "4" (dimensions 1..8); throws std::invalid_argument.
std::pair<int, int> parse_dims(const std::string& s);

struct Options {
  int dlo = 1, dhi = 6;
  SearchMode mode = SearchMode::Full;
  SearchOptions search;
  unsigned digits = 50;
};

/// Time to refutation, measured by the evaluator wrappers while the runner works on this claim.
struct Timing {
  std::atomic<bool> started{false};
  std::chrono::steady_clock::time_point t0;
  std::atomic<double> first_violation{-1};  // seconds from the first screened sample to the first violation at 2D digits
};

struct FuzzClaim {
  Spec spec;
  std::shared_ptr<const Bound> bound;
  std::shared_ptr<Timing> timing;
  Claim claim;
};

/// Claim "FUZZ-<name>" with one variant "as-stated"; families by mode: aligned, commuting, structured,
/// plain-random, local-search (Full); the first four (Structured); plain-random only (Random).
FuzzClaim make_claim(const Spec& spec, const Options& opt);

/// How a counterexample of a family was found, for reports.
std::string family_method(const std::string& family);

}  // namespace stabcheck::fuzz
