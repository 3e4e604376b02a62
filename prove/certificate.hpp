// The certificate file of `stabcheck prove` and its exact checker (README, "Proofs (stabcheck prove)", "Certificate
// file"). The checker depends on GMP and nlohmann-json only and on no code of the prover (its own words,
// transposition, cyclic reduction, substitution, hypotheses and exact LDL^T), so a bug in the search cannot make a
// false bound pass. The prover may use the checker (psd_defect), never the other way round.
#pragma once
#include <gmpxx.h>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace stabcheck::prove::cert {

inline constexpr const char* kFormat = "stabcheck-trace-sohs-certificate";
inline constexpr int kVersion = 1;

/// A file that is not a certificate (not JSON, missing or mistyped field, non-rational entry, unknown letter):
/// one line, naming the field.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Result {
  bool valid = false;
  std::string reason;  // invalid: why, in one line; valid: what was proved
  int blocks = 0, max_gram = 0, terms = 0;
};

/// Check a parsed certificate exactly. Throws FormatError on a malformed certificate; returns valid = false when the
/// certificate is well formed but does not prove its bound (identity fails, a Gram matrix is not PSD, ...).
Result check(const nlohmann::json& j);
/// The checker's exact PSD test of a symmetric rational matrix (LDL^T, no pivoting): "" when PSD, else why not (the
/// first negative pivot, or a zero pivot with a nonzero row). The prover uses it too, before writing a certificate.
std::string psd_defect(std::vector<std::vector<mpq_class>> A);
/// Read FILE (FormatError: unreadable, not JSON, malformed) and check it.
Result check_file(const std::string& path);
/// Parse text as JSON (FormatError with a one-line message) and check it.
Result check_text(const std::string& text);

}  // namespace stabcheck::prove::cert
