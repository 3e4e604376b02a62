#include "generators/products.hpp"
#include "core/names.hpp"
#include <stdexcept>

namespace stabcheck::gen {

using rc::Gen;
using V = std::vector<MatQ>;

const Named<Shape> kShapeNames[] = {
    {Shape::General, "general"},      {Shape::Symmetric, "symmetric"}, {Shape::Psd, "psd"},
    {Shape::Nilpotent, "nilpotent"},  {Shape::NonNormal, "non-normal"}, {Shape::RankOne, "rank-one"},
    {Shape::Orthogonal, "scaled-orthogonal"}};

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> s = values_in(kShapeNames);
  return s;
}

std::string shape_name(Shape s) { return name_in(kShapeNames, s); }

Gen<MatQ> square(Shape s, int d) {
  switch (s) {
    case Shape::General: return matrix(Kind::General, d);
    case Shape::Symmetric: return rc::gen::map(int_matrix(d, d), [](const MatQ& g) { return MatQ(g + g.transpose()); });
    case Shape::Psd: return matrix(Kind::Wishart, d);
    case Shape::Nilpotent: return matrix(Kind::Nilpotent, d);
    case Shape::NonNormal:
      // D + N: N nilpotent with its (0, d-1) entry forced non-zero when d > 1, so that D + N is never normal
      // (an upper-triangular matrix is normal iff it is diagonal)
      return rc::gen::map(rc::gen::pair(matrix(Kind::Nilpotent, d), int_matrix(d, 1)), [d](const std::pair<MatQ, MatQ>& p) {
        MatQ m = p.first;
        if (d > 1 && m(0, d - 1) == 0) m(0, d - 1) = 1;
        for (int i = 0; i < d; ++i) m(i, i) = p.second(i, 0);
        return m;
      });
    case Shape::RankOne:
      return rc::gen::map(rc::gen::pair(int_matrix(d, 1), int_matrix(d, 1)),
                          [](const std::pair<MatQ, MatQ>& p) { return MatQ(p.first * p.second.transpose()); });
    case Shape::Orthogonal:
      return rc::gen::map(rc::gen::pair(orthogonal(d), rc::gen::inRange(1, 5)),
                          [](const std::pair<MatQ, int>& p) { return MatQ(p.first * Rat(p.second)); });
  }
  throw std::logic_error("unknown shape");
}

Gen<V> cyclic_chain(int k, int lo, int hi, std::vector<int> scales) {
  return rc::gen::mapcat(rc::gen::container<std::vector<int>>(size_t(k), dim(lo, hi)), [k, scales](const std::vector<int>& ds) {
    Gen<V> acc = rc::gen::just(V{});
    for (int i = 0; i < k; ++i)
      acc = rc::gen::map(rc::gen::pair(acc, scaled(int_matrix(ds[size_t(i)], ds[size_t((i + 1) % k)]), scales)),
                         [](std::pair<V, MatQ> p) { p.first.push_back(std::move(p.second)); return std::move(p.first); });
    return acc;
  });
}

Gen<V> square_chain(Shape s, int k_lo, int k_hi, int d_lo, int d_hi, std::vector<int> scales) {
  return rc::gen::mapcat(rc::gen::pair(dim(k_lo, k_hi), dim(d_lo, d_hi)), [s, scales](const std::pair<int, int>& kd) {
    return rc::gen::container<V>(size_t(kd.first), scaled(square(s, kd.second), scales));
  });
}

}  // namespace stabcheck::gen
