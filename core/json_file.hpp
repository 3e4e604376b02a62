// Reading a JSON file, with the one-line errors every command reports (unreadable file, not JSON).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace stabcheck {

/// FILE parsed as JSON. Throws std::invalid_argument with one line: "cannot read 'FILE'" or
/// "'FILE' is not JSON (<parser's message without its exception tag>)".
nlohmann::json read_json_file(const std::string& path);

}  // namespace stabcheck
