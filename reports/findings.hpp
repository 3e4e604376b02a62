// Findings: what the run says of each claim of the paper, in the paper's order, and the proof map (the claims'
// declared `uses` as a Graphviz graph coloured by status). Every report puts this section first.
//
// Status of a claim, derived from its variants (VariantResult) and its table in the registry (core/claim.hpp):
//   * The literal reading is the set of variants whose slug or note marks them as the statement as printed: the words
//     "as stated", "as-stated", "printed", "chosen" or "literal", or a slug naming a reading marked `chosen` (the slug
//     equal to the reading's name, or starting with it and a dot); a variant whose slug or note says "repair" is a
//     repair, never literal. When the claim's chosen reading names one of its variants, a variant named after another
//     (not chosen) reading is not literal either, whatever its note says: the spec's [chosen] reading decides (LEM-C5:
//     R1 singular values is chosen; R2's variants, noted "literal reading" of the word "spectrum", are not literal).
//   * Only established refutations count as refuted (an uncertified Monte Carlo refutation counts as undecided).
//   * With a literal reading: a refuted literal variant makes the claim "holds only as repaired" when a repaired
//     variant holds or is proved, else "refuted as printed"; otherwise "proved" when every literal variant is
//     proved, "holds" when one holds or is proved, else "not checkable" (nothing decided).
//   * Without one (unsure which variant is the statement): "refuted as printed" when any non-repaired variant is
//     refuted; else "proved" when every decided non-repaired variant is proved, "holds" when one holds; else
//     "holds only as repaired" when only repairs hold; else "not checkable".
// A claim whose statement holds (or is proved) while a claim it `uses` is refuted as printed or holds only as
// repaired is flagged: "statement holds on all samples; proof step THM-C8-PRUNE is refuted".
#pragma once
#include "core/claim.hpp"
#include "core/runner.hpp"
#include <string>
#include <vector>

namespace stabcheck {

enum class ClaimStatus { RefutedAsPrinted, Holds, Proved, HoldsOnlyAsRepaired, NotCheckable };
std::string status_str(ClaimStatus s);     // "refuted as printed", "holds", "proved", "holds only as repaired", "not checkable"
std::string status_colour(ClaimStatus s);  // the colour's name: red, green, darkgreen, orange, grey
/// Its shade in the proof map, as hex: SVG viewers and Graphviz's PDF read names differently ("green" is #008000 in
/// CSS, #00ff00 in X11), hex is the same in both.
std::string status_fill(ClaimStatus s);

/// Position of a claim ID in the paper (§C.6 lemmas, C.7, C.8, C.9, C.10-C.13, Dexter et al.); unknown IDs after all.
int paper_rank(const std::string& id);
/// Paper order; unknown IDs last, alphabetically.
bool paper_less(const std::string& a, const std::string& b);
/// Indices of `results` with the claims in the paper's order (a claim's variants keep the run's order): the order of
/// every per-variant section of the reports after the findings.
std::vector<size_t> paper_order(const std::vector<VariantResult>& results);

bool is_repaired(const VariantResult& r);
/// `c` may be null (a claim not in the registry): then only the slug and note decide.
bool is_literal(const VariantResult& r, const Claim* c);
/// A best constant in a few words: "sup 1 (tight)", "inf 0.5 (loose)"; "" without one.
std::string best_constant_short(const VariantResult& r);
/// Scalar entries of a sample (matrices, family members, scalars, integers): the size a reader sees.
long entries(const Sample& s);

struct Finding {
  std::string id, source, statement;
  ClaimStatus status = ClaimStatus::NotCheckable;
  std::vector<std::string> literal;   // slugs of the literal reading's variants
  std::vector<std::string> holding;   // "slug" or "slug (proved)": the variants that hold or are proved
  std::vector<std::string> refuted;   // slugs of the refuted variants (established)
  /// Smallest certified counterexample (fewest entries, then Sample::complexity()), among the literal reading's
  /// variants when one of them has one, else among all variants.
  const VariantResult* counterexample = nullptr;
  /// The best constant (VariantResult::best_constant) of the literal reading's first variant that has one, else of the
  /// first non-repaired variant with one, else of the first variant with one; null when no variant has one.
  const VariantResult* best_constant = nullptr;
  std::vector<const VariantResult*> best_constants;  // every variant with a best constant, in the run's order
  std::vector<std::string> uses;      // from the registry
  std::vector<std::string> refuted_uses;  // claims it uses whose printed statement is refuted in this run
  std::string flag;                   // "statement holds on all samples; proof step X is refuted", or ""
  long variants = 0;
};

/// One finding per claim in `results`, in the paper's order; `claims` is the registry (or a planted set).
/// The pointers in Finding::counterexample point into `results`.
std::vector<Finding> build_findings(const std::vector<VariantResult>& results, const std::vector<Claim>& claims);
ClaimStatus claim_status(const std::vector<const VariantResult*>& variants, const Claim* c);

/// The proof map in Graphviz: one node per finding (filled with its status colour) and per claim it uses that the run
/// did not check (dashed, "not run"); an edge Y -> X for every X that uses Y (a proof flows from Y to X).
std::string proof_map_dot(const std::vector<Finding>& findings);
/// The dot command: $STABCHECK_DOT if set, else "dot". `dot_available` tells whether it runs.
std::string dot_command();
bool dot_available();
struct ProofMap {
  bool drawn = false;  // proof-map.svg and proof-map.pdf written
  std::string note;    // what happened, for the reports
};
/// DIR/proof-map.dot, and with dot on PATH DIR/proof-map.svg and DIR/proof-map.pdf.
ProofMap write_proof_map(const std::string& dir, const std::vector<Finding>& findings);

/// The findings section of each report (first in the report). HTML embeds DIR/proof-map.svg inline when it exists;
/// LaTeX includes DIR/proof-map.pdf when it exists (and graphicx is loaded).
std::string findings_markdown(const std::vector<Finding>& findings);
std::string findings_html(const std::vector<Finding>& findings, const std::string& out_dir);
std::string findings_latex(const std::vector<Finding>& findings, const std::string& out_dir);

}  // namespace stabcheck
