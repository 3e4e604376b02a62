// Sample: the exact inputs of one check. Every sample is born exact (rational entries);
// the tiers evaluate conversions of it, and certification uses it as is.
#pragma once
#include "core/tier.hpp"
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace stabcheck {

struct Sample {
  std::map<std::string, MatQ> mats;                  // named matrices (vectors are d x 1)
  std::map<std::string, std::vector<MatQ>> families;  // indexed families H[1..n]
  std::map<std::string, Rat> scalars;                 // rational parameters (eta, c, B, ...)
  std::map<std::string, long> ints;                   // integer parameters (k, n, ...)

  const MatQ& mat(const std::string& name) const { return at(mats, name, "matrix"); }
  const std::vector<MatQ>& family(const std::string& name) const { return at(families, name, "family"); }
  const Rat& scalar(const std::string& name) const { return at(scalars, name, "scalar"); }
  long integer(const std::string& name) const { return at(ints, name, "integer"); }

  template <class T> Mat<T> mat_as(const std::string& name) const { return from_rat<T>(mat(name)); }
  template <class T> std::vector<Mat<T>> family_as(const std::string& name) const {
    std::vector<Mat<T>> out;
    for (const auto& m : family(name)) out.push_back(from_rat<T>(m));
    return out;
  }
  template <class T> T scalar_as(const std::string& name) const { return from_rat<T>(scalar(name)); }

  /// Largest dimension and count of scalar entries: a measure of size used by shrinking stats.
  long complexity() const;

 private:
  template <class M>
  static const typename M::mapped_type& at(const M& m, const std::string& k, const char* what) {
    auto it = m.find(k);
    if (it == m.end()) throw std::out_of_range(std::string("sample has no ") + what + " '" + k + "'");
    return it->second;
  }
};

nlohmann::json to_json(const MatQ& m);
MatQ mat_from_json(const nlohmann::json& j);
nlohmann::json to_json(const Sample& s);
Sample sample_from_json(const nlohmann::json& j);
/// Human-readable exact rendering (for replay and Markdown).
std::string to_text(const Sample& s);

}  // namespace stabcheck
