// Lossless JSON of a VariantResult, for the partial result files of sharded and MPI runs (`stabcheck run --shard`,
// `stabcheck merge`, `run --mpi`): every field the reports read — counts, per-family counts, coverage histograms, the
// counterexample and the tightest sample with their exact samples and origins, the certificate, the proof outcome,
// timings — so that result_from_json(result_to_json(r)) gives the reports of r byte for byte. Doubles are JSON numbers
// (shortest round-trip form) or "inf", "-inf", "nan"; rationals are exact strings; matrices keep their shape (0 x n too).
#pragma once
#include "core/runner.hpp"
#include <nlohmann/json.hpp>

namespace stabcheck {

nlohmann::json result_to_json(const VariantResult& r);
/// Throws std::invalid_argument naming the field that is missing or malformed.
VariantResult result_from_json(const nlohmann::json& j);

/// Exact samples with their shape (core/sample.hpp's to_json drops the shape of an empty matrix).
nlohmann::json exact_sample_json(const Sample& s);
Sample exact_sample_from_json(const nlohmann::json& j);

}  // namespace stabcheck
