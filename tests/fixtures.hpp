// Planted claims for the engine's tests (runner, search, verdict policy, reports), written once here and in the
// claims' own idiom: designated initialisers, one family and variant entry each.
#pragma once
#include "core/claim.hpp"
#include "generators/kit.hpp"

namespace stabcheck::test {

// Samples holding one matrix, `name`, drawn by `g`.
inline rc::Gen<Sample> matrix_sample(const std::string& name, rc::Gen<MatQ> g) {
  return rc::gen::map(std::move(g), [name](const MatQ& a) {
    Sample s;
    s.mats[name] = a;
    return s;
  });
}

// Samples "A" of the given kind, d = 1..6 (shrinking towards d = 1).
inline rc::Gen<Sample> sized_sample(gen::Kind kind) {
  return rc::gen::mapcat(gen::dim(1, 6), [kind](int d) { return matrix_sample("A", gen::matrix(kind, d)); });
}

// A test claim: source "test", the given families and variants.
inline Claim planted_claim(std::string id, std::string statement, std::vector<Family> families,
                           std::vector<Variant> variants) {
  return Claim{.id = std::move(id),
               .source = "test",
               .statement = std::move(statement),
               .families = std::move(families),
               .variants = std::move(variants)};
}

// lhs = Tr(A), rhs = lambda_max(A): "<=" is false for PSD A of rank >= 2, ">=" true and sharp at rank one.
inline Evaluator trace_vs_lmax() {
  return make_evaluator([](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> a = s.mat_as<T>("A");
    return sides(real(T(a.trace())), lmax(a));
  });
}

}  // namespace stabcheck::test
