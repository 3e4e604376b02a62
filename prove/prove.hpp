// `stabcheck prove`: translate a bound into a trace polynomial, search a tracial SOHS certificate degree by degree
// (prove/gram.hpp, prove/rationalize.hpp), and report `proved` only after the exact checker (prove/certificate.hpp)
// has accepted the certificate as written.
#pragma once
#include "prove/certificate.hpp"
#include "prove/fragment.hpp"
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace stabcheck::prove {

struct ProveOptions {
  int max_degree = -1;        // -1: the bound's degree rounded up to even (+2 with hypotheses)
  double seconds = 50;        // search budget
};

struct ProveResult {
  enum class Status { Proved, NotProved, Outside } status = Status::NotProved;
  std::string message;        // "proved", "not proved at degree 2, 4", "outside the fragment: ..."
  nlohmann::json certificate; // when proved (already accepted by cert::check)
  std::vector<int> degrees;   // tried
  int degree = 0, words = 0, gram = 0, blocks = 0, constraints = 0;
  double seconds = 0;
  std::string detail;         // search notes (why each stage failed)
  std::string stage;          // the stage that found the certificate
};

/// Throws fuzz::ParseError (std::invalid_argument) on a malformed bound or declaration.
ProveResult prove(const std::string& bound, const std::string& where, const ProveOptions& opt = {});

/// The certificate's declaration part (format, bound, relation, matrices, scalars, lhs, rhs, target) for a fragment.
nlohmann::json certificate_header(const Fragment& f);

/// `stabcheck check-certificate`: the exact check (cert::check) and, when the file names a bound, that its
/// declarations, sides and relation are those of that bound. Throws cert::FormatError on a malformed file.
cert::Result check_certificate(const nlohmann::json& j);
cert::Result check_certificate_file(const std::string& path);

}  // namespace stabcheck::prove
