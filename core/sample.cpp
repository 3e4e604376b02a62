#include "core/sample.hpp"
#include <sstream>

namespace stabcheck {

long Sample::complexity() const {
  long c = 0;
  for (const auto& [k, m] : mats) c += m.size();
  for (const auto& [k, f] : families) for (const auto& m : f) c += m.size();
  return c + long(scalars.size() + ints.size());
}

nlohmann::json to_json(const MatQ& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(rat_str(m(i, j)));
    rows.push_back(row);
  }
  return rows;
}

MatQ mat_from_json(const nlohmann::json& j) {
  if (!j.is_array() || j.empty() || !j[0].is_array()) throw std::invalid_argument("matrix must be a non-empty array of rows");
  MatQ m(j.size(), j[0].size());
  for (size_t i = 0; i < j.size(); ++i) {
    if (j[i].size() != j[0].size()) throw std::invalid_argument("ragged matrix");
    for (size_t k = 0; k < j[i].size(); ++k) m(i, k) = parse_rat(j[i][k].get<std::string>());
  }
  return m;
}

nlohmann::json to_json(const Sample& s) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, m] : s.mats) j["matrices"][k] = to_json(m);
  for (const auto& [k, f] : s.families) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& m : f) arr.push_back(to_json(m));
    j["families"][k] = arr;
  }
  for (const auto& [k, v] : s.scalars) j["scalars"][k] = rat_str(v);
  for (const auto& [k, v] : s.ints) j["integers"][k] = v;
  return j;
}

Sample sample_from_json(const nlohmann::json& j) {
  Sample s;
  if (j.contains("matrices")) for (auto& [k, v] : j["matrices"].items()) s.mats[k] = mat_from_json(v);
  if (j.contains("families"))
    for (auto& [k, v] : j["families"].items())
      for (auto& m : v) s.families[k].push_back(mat_from_json(m));
  if (j.contains("scalars")) for (auto& [k, v] : j["scalars"].items()) s.scalars[k] = parse_rat(v.get<std::string>());
  if (j.contains("integers")) for (auto& [k, v] : j["integers"].items()) s.ints[k] = v.get<long>();
  return s;
}

static void print_mat(std::ostream& os, const std::string& name, const MatQ& m) {
  os << name << " (" << m.rows() << "x" << m.cols() << ") =\n";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    os << "  [";
    for (Eigen::Index j = 0; j < m.cols(); ++j) os << (j ? ", " : "") << rat_str(m(i, j));
    os << "]\n";
  }
}

std::string to_text(const Sample& s) {
  std::ostringstream os;
  for (const auto& [k, v] : s.ints) os << k << " = " << v << "\n";
  for (const auto& [k, v] : s.scalars) os << k << " = " << rat_str(v) << "\n";
  for (const auto& [k, m] : s.mats) print_mat(os, k, m);
  for (const auto& [k, f] : s.families)
    for (size_t i = 0; i < f.size(); ++i) print_mat(os, k + "[" + std::to_string(i + 1) + "]", f[i]);
  return os.str();
}

}  // namespace stabcheck
