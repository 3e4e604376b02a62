#include "core/json_file.hpp"
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace stabcheck {

namespace {
/// The parser's message in one line, without nlohmann's "[json.exception....] " tag.
std::string json_error_line(const nlohmann::json::exception& e) {
  std::string m = e.what();
  if (auto q = m.find("] "); q != std::string::npos) m = m.substr(q + 2);
  if (auto p = m.find('\n'); p != std::string::npos) m = m.substr(0, p);
  return m;
}
}  // namespace

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw std::invalid_argument("cannot read '" + path + "'");
  try {
    return nlohmann::json::parse(ss.str());
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument("'" + path + "' is not JSON (" + json_error_line(e) + ")");
  }
}

}  // namespace stabcheck
