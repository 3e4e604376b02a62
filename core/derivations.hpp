// The derivation map (issue 31): every mathematical assertion of the appendix — each relation of a displayed chain,
// each half of a two-sided lemma, each theorem item, each mathematical sentence of the prose — with its stable id
// (theorems/derivations.tsv, embedded at build time), and the variants that check it where it stands: a variant
// declares the ids it checks (Variant::checks). An assertion that no variant checks says why in the file (end-to-end
// only, partial, not checkable, not checked), and definitions, figure captions and restatements are not counted.
#pragma once
#include "core/claim.hpp"
#include <map>
#include <string>
#include <vector>

namespace stabcheck {

struct Assertion {
  std::string id, section, equation, kind, text;
  std::string reason;  // why no variant checks it where it stands; empty: some variant does
};

/// Checked: a variant checks it where it stands; the rest from the reason's first words.
enum class LinkStatus { Checked, EndToEnd, Partial, NotCheckable, NotChecked, Definition, Experiment, Restatement };
std::string link_status_str(LinkStatus s);  // "checked", "end-to-end only", "partial", "not checkable", ...

/// The assertions of a derivations file (tab-separated: id, section, equation, kind, assertion, reason; '#' comments,
/// one header line). Throws std::invalid_argument naming the line of a malformed row, a repeated id or an unknown
/// reason.
std::vector<Assertion> parse_assertions(const std::string& tsv);
/// The appendix's assertions in appendix order (theorems/derivations.tsv).
const std::vector<Assertion>& appendix_assertions();

/// A mathematical assertion (not a definition, a figure caption or a restatement): one of the 181 that coverage counts.
bool counted(const Assertion& a);
/// One variant that declares an id.
struct LinkCheck {
  std::string claim, variant;
  bool repair = false;                // a repaired variant (is_repair): evidence, not coverage
  std::vector<std::string> jointly;   // all the ids the variant declares, when it checks several at once
};
/// id -> the variants of `claims` that declare it, in registry order.
using LinkChecks = std::map<std::string, std::vector<LinkCheck>>;
LinkChecks link_checks(const std::vector<Claim>& claims);
/// Some variant that is not a repair declares the id: the assertion is checked where it stands.
bool checked_where_it_stands(const LinkChecks& checks, const std::string& id);
/// Its status: checked where it stands (a counted assertion), else from its reason's first words.
LinkStatus link_status(const Assertion& a, const LinkChecks& checks);

/// What is wrong with the map: an id that no variant checks and that gives no reason, an id with a reason that a
/// variant (not a repair) checks after all, a variant naming an id that is not in the list. Empty: consistent.
std::vector<std::string> map_problems(const std::vector<Assertion>& list, const std::vector<Claim>& claims);

/// Derivation coverage: "N of 181 assertions checked where they stand".
struct DerivationCoverage {
  long assertions = 0, checked = 0;
  std::map<LinkStatus, long> by_status;   // over the counted assertions
  long repair_variants = 0;               // repaired variants (is_repair), whether or not they name an id: not coverage
  long outside_variants = 0;              // other variants that declare no id: reformulations, controls, Dexter's paper
  std::string headline() const;           // "106 of 181 assertions checked where they stand"
};
DerivationCoverage derivation_coverage(const std::vector<Assertion>& list, const std::vector<Claim>& claims);

}  // namespace stabcheck
