// `stabcheck diff OLD.json NEW.json`: what changed between two reports, the changed findings first — a claim whose
// status flipped (reports/findings.hpp, derived from each report's variants with the registry's readings), a new,
// changed or vanished certified counterexample, a proof step that broke or was mended — then the detail: verdicts,
// variants added or removed, smallest slacks that moved by more than a factor. Markdown out; used to gate a revision.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace stabcheck {

struct DiffResult {
  std::string markdown;
  int status_changes = 0, counterexample_changes = 0, proof_step_changes = 0;  // the findings
  int verdict_changes = 0, added = 0, removed = 0, slack_moves = 0;             // the detail
};

/// `factor` > 1: a slack move counts when |new| / |old| (or its inverse) exceeds it, or its sign changed.
DiffResult diff_reports(const nlohmann::json& old_report, const nlohmann::json& new_report, double factor);

}  // namespace stabcheck
