// `stabcheck diff OLD.json NEW.json`: what changed between two reports (verdicts, claims added or removed,
// smallest slacks that moved by more than a factor). Markdown out; used to gate a paper revision.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace stabcheck {

struct DiffResult {
  std::string markdown;
  int verdict_changes = 0, added = 0, removed = 0, slack_moves = 0;
};

/// `factor` > 1: a slack move counts when |new| / |old| (or its inverse) exceeds it, or its sign changed.
DiffResult diff_reports(const nlohmann::json& old_report, const nlohmann::json& new_report, double factor);

}  // namespace stabcheck
