#include "generators/matrices.hpp"
#include "core/gauss_jordan.hpp"
#include "core/knobs.hpp"
#include "core/names.hpp"
#include <stdexcept>

namespace stabcheck::gen {

using rc::Gen;

// The PSD kinds first, as in the enumeration.
const Named<Kind> kKindNames[] = {
    {Kind::Wishart, "wishart"},   {Kind::LowRank, "lowrank"}, {Kind::RankOne, "rankone"},
    {Kind::Diagonal, "diagonal"}, {Kind::Spectrum, "spectrum"}, {Kind::ScaledIdentity, "scaled-identity"},
    {Kind::Rational, "rational"}, {Kind::SymIndefinite, "sym-indefinite"}, {Kind::NonSymPsdPart, "nonsym-psd-part"},
    {Kind::Nilpotent, "nilpotent"}, {Kind::General, "general"}};
constexpr std::size_t kPsdKinds = 7;

const std::vector<Kind>& psd_kinds() {
  static const std::vector<Kind> k = [] {
    std::vector<Kind> v = values_in(kKindNames);
    v.resize(kPsdKinds);
    return v;
  }();
  return k;
}

std::string kind_name(Kind k) { return name_in(kKindNames, k); }

bool kind_is_psd(Kind k) {
  for (Kind p : psd_kinds()) if (p == k) return true;
  return false;
}

Gen<int> small_int(int bound) {
  // zigzag 0, 1, -1, 2, -2, ...: inRange shrinks toward its lower end, i.e. toward 0 here
  return rc::gen::map(rc::gen::inRange(0, 2 * bound + 1), [](int u) { return (u % 2) ? (u + 1) / 2 : -(u / 2); });
}

Gen<int> shape(int lo, int hi) {
  return Gen<int>([lo, hi](const rc::Random& random, int size) {
    rc::Shrinkable<int> drawn = rc::gen::inRange(lo, hi + 1)(random, size);
    const int v = knobs::shape(random, lo, hi, drawn.value());
    if (v == drawn.value()) return drawn;
    // set by the search: shrinks back to the drawn shape
    return rc::shrinkable::mapShrinks(rc::shrinkable::just(v), [drawn](rc::Seq<rc::Shrinkable<int>>&&) { return rc::seq::just(drawn); });
  });
}

Gen<int> dim(int lo, int hi) { return shape(lo, hi); }

Rat pow10_exact(int e) {
  Int p = boost::multiprecision::pow(Int(10), unsigned(e >= 0 ? e : -e));
  return e >= 0 ? Rat(p) : Rat(Int(1), p);
}

Gen<Rat> pow10(std::vector<int> exps) {
  return rc::gen::map(rc::gen::inRange<int>(0, int(exps.size())), [exps](int i) { return pow10_exact(exps[i]); });
}

Gen<Rat> knob_entry(Gen<int> g, int lo, int hi) {
  return Gen<Rat>([g = std::move(g), lo, hi](const rc::Random& random, int size) {
    rc::Shrinkable<Rat> drawn = rc::shrinkable::map(g(random, size), [](int v) { return Rat(v); });
    if (auto v = knobs::knob(random, lo, hi, drawn.value()))  // set by the search: shrinks back to the drawn leaf
      return rc::shrinkable::mapShrinks(rc::shrinkable::just(*v), [drawn](rc::Seq<rc::Shrinkable<Rat>>&&) { return rc::seq::just(drawn); });
    return drawn;
  });
}

Gen<Rat> entry(int bound) { return knob_entry(small_int(bound), -bound, bound); }

Gen<MatQ> int_matrix(int rows, int cols, int bound) {
  return rc::gen::map(rc::gen::container<std::vector<Rat>>(size_t(rows * cols), entry(bound)),
                      [rows, cols](const std::vector<Rat>& v) {
                        MatQ m(rows, cols);
                        for (int i = 0; i < rows; ++i)
                          for (int j = 0; j < cols; ++j) m(i, j) = v[size_t(i * cols + j)];
                        return m;
                      });
}

Gen<MatQ> orthogonal(int d) {
  return rc::gen::map(int_matrix(d, d, 2), [d](const MatQ& g) {
    MatQ k = MatQ::Zero(d, d);
    for (int i = 0; i < d; ++i)
      for (int j = i + 1; j < d; ++j) { k(i, j) = g(i, j); k(j, i) = -g(i, j); }
    return cayley(k);
  });
}

namespace {
MatQ gram(const MatQ& g) { return g * g.transpose(); }

// lambda_i = 0 (code 0) or 10^-(code-1), code in 0..13: condition numbers up to 1e12, exact zeros.
Gen<MatQ> spectrum(int d) {
  return rc::gen::map(rc::gen::pair(orthogonal(d), rc::gen::container<std::vector<int>>(size_t(d), rc::gen::inRange(1, 14))),
                      [d](const std::pair<MatQ, std::vector<int>>& p) {
                        MatQ lam = MatQ::Zero(d, d);
                        for (int i = 0; i < d; ++i) {
                          int code = p.second[size_t(i)];  // shrinks toward 1 -> eigenvalue 1
                          lam(i, i) = (code == 13) ? Rat(0) : pow10_exact(-(code - 1));
                        }
                        return MatQ(p.first * lam * p.first.transpose());
                      });
}
}  // namespace

Gen<MatQ> matrix(Kind k, int d) {
  switch (k) {
    case Kind::Wishart: return rc::gen::map(int_matrix(d, d), gram);
    case Kind::LowRank:
      return rc::gen::mapcat(rc::gen::inRange(1, std::max(2, d)), [d](int r) {
        return rc::gen::map(int_matrix(d, std::min(r, std::max(1, d - 1))), gram);
      });
    case Kind::RankOne: return rc::gen::map(int_matrix(d, 1), gram);
    case Kind::Diagonal:
      return rc::gen::map(rc::gen::container<std::vector<Rat>>(size_t(d), knob_entry(rc::gen::inRange(0, 10), 0, 9)), [d](const std::vector<Rat>& v) {
        MatQ m = MatQ::Zero(d, d);
        for (int i = 0; i < d; ++i) m(i, i) = v[size_t(i)];
        return m;
      });
    case Kind::Spectrum: return spectrum(d);
    case Kind::ScaledIdentity:
      return rc::gen::map(rc::gen::pair(rc::gen::inRange(1, 10), rc::gen::inRange(1, 5)), [d](const std::pair<int, int>& p) {
        return MatQ(MatQ::Identity(d, d) * Rat(p.first, p.second));
      });
    case Kind::Rational:
      return rc::gen::map(rc::gen::pair(int_matrix(d, d, 5), rc::gen::inRange(2, 8)), [](const std::pair<MatQ, int>& p) {
        MatQ g = p.first / Rat(p.second);
        return MatQ(g * g.transpose());
      });
    case Kind::SymIndefinite:
      // P - (|g|^2 + 1) e e^T style: a PSD part minus a rank-one spike that makes e_1^T A e_1 < 0
      return rc::gen::map(rc::gen::pair(int_matrix(d, d), rc::gen::inRange(1, 5)), [d](const std::pair<MatQ, int>& p) {
        MatQ s = (p.first + p.first.transpose()) / Rat(2);
        Rat big = s(0, 0) + Rat(p.second);
        MatQ m = s;
        m(0, 0) -= big;  // e_1^T m e_1 = -p.second < 0
        (void)d;
        return m;
      });
    case Kind::NonSymPsdPart:
      return rc::gen::map(rc::gen::pair(int_matrix(d, d), int_matrix(d, d)), [d](const std::pair<MatQ, MatQ>& p) {
        MatQ k = MatQ::Zero(d, d);
        for (int i = 0; i < d; ++i)
          for (int j = i + 1; j < d; ++j) { k(i, j) = p.second(i, j); k(j, i) = -p.second(i, j); }
        return MatQ(gram(p.first) + k);
      });
    case Kind::Nilpotent:
      return rc::gen::map(int_matrix(d, d), [d](MatQ m) {
        for (int i = 0; i < d; ++i)
          for (int j = 0; j <= i; ++j) m(i, j) = 0;
        return m;
      });
    case Kind::General: return int_matrix(d, d);
  }
  throw std::logic_error("unknown kind");
}

Gen<MatQ> scaled(Gen<MatQ> g, std::vector<int> exps) {
  return rc::gen::map(rc::gen::pair(std::move(g), pow10(std::move(exps))),
                      [](const std::pair<MatQ, Rat>& p) { return MatQ(p.first * p.second); });
}

const Named<FamilyKind> kFamilyKindNames[] = {
    {FamilyKind::Independent, "independent"}, {FamilyKind::RankOnes, "rank-ones"},   {FamilyKind::Commuting, "commuting"},
    {FamilyKind::Clustered, "clustered"},     {FamilyKind::Orthogonal, "orthogonal"}, {FamilyKind::Aligned, "aligned"}};

const std::vector<FamilyKind>& family_kinds() {
  static const std::vector<FamilyKind> k = values_in(kFamilyKindNames);
  return k;
}

std::string family_kind_name(FamilyKind k) { return name_in(kFamilyKindNames, k); }

Gen<std::vector<MatQ>> family(FamilyKind k, int n, int d) {
  using V = std::vector<MatQ>;
  switch (k) {
    case FamilyKind::Independent:
      return rc::gen::mapcat(rc::gen::inRange(0, 3), [n, d](int which) {
        Kind kk = which == 0 ? Kind::Wishart : which == 1 ? Kind::LowRank : Kind::Diagonal;
        return rc::gen::container<V>(size_t(n), matrix(kk, d));
      });
    case FamilyKind::RankOnes: return rc::gen::container<V>(size_t(n), matrix(Kind::RankOne, d));
    case FamilyKind::Commuting:
      return rc::gen::map(rc::gen::pair(orthogonal(d), rc::gen::container<V>(size_t(n), matrix(Kind::Diagonal, d))),
                          [](const std::pair<MatQ, V>& p) {
                            V out;
                            for (const auto& dg : p.second) out.push_back(p.first * dg * p.first.transpose());
                            return out;
                          });
    case FamilyKind::Clustered:
      // two base matrices; H_i is a positive multiple of one of them
      return rc::gen::map(
          rc::gen::tuple(matrix(Kind::Wishart, d), matrix(Kind::RankOne, d),
                         rc::gen::container<std::vector<int>>(size_t(n), rc::gen::inRange(0, 2)),
                         rc::gen::container<std::vector<int>>(size_t(n), rc::gen::inRange(1, 4))),
          [n](const std::tuple<MatQ, MatQ, std::vector<int>, std::vector<int>>& t) {
            V out;
            for (int i = 0; i < n; ++i)
              out.push_back((std::get<2>(t)[size_t(i)] ? std::get<1>(t) : std::get<0>(t)) * Rat(std::get<3>(t)[size_t(i)]));
            return out;
          });
    case FamilyKind::Orthogonal:
      // H_i = c_i q_j q_j^T on disjoint columns of an orthogonal Q (round-robin when n > d)
      return rc::gen::map(rc::gen::pair(orthogonal(d), rc::gen::container<std::vector<int>>(size_t(n), rc::gen::inRange(1, 6))),
                          [n, d](const std::pair<MatQ, std::vector<int>>& p) {
                            V out;
                            for (int i = 0; i < n; ++i) {
                              MatQ q = p.first.col(i % d);
                              out.push_back(q * q.transpose() * Rat(p.second[size_t(i)]));
                            }
                            return out;
                          });
    case FamilyKind::Aligned:
      return rc::gen::map(rc::gen::pair(matrix(Kind::RankOne, d), rc::gen::container<std::vector<int>>(size_t(n), rc::gen::inRange(1, 6))),
                          [n](const std::pair<MatQ, std::vector<int>>& p) {
                            V out;
                            for (int i = 0; i < n; ++i) out.push_back(p.first * Rat(p.second[size_t(i)]));
                            return out;
                          });
  }
  throw std::logic_error("unknown family kind");
}

namespace {
MatQ drop_index(const MatQ& m, Eigen::Index i, bool cols) {
  std::vector<Eigen::Index> rows, keep;
  for (Eigen::Index r = 0; r < m.rows(); ++r) if (r != i) rows.push_back(r);
  for (Eigen::Index c = 0; c < m.cols(); ++c) if (!cols || c != i) keep.push_back(c);
  MatQ out(Eigen::Index(rows.size()), Eigen::Index(keep.size()));
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < keep.size(); ++c) out(Eigen::Index(r), Eigen::Index(c)) = m(rows[r], keep[c]);
  return out;
}
}  // namespace

std::vector<Sample> drop_coordinate(const Sample& s) {
  Eigen::Index d = -1;
  auto see = [&](const MatQ& m) { if (m.rows() == m.cols() && m.rows() > d) d = m.rows(); };
  for (const auto& [k, m] : s.mats) see(m);
  for (const auto& [k, f] : s.families) for (const auto& m : f) see(m);
  std::vector<Sample> out;
  if (d < 2) return out;
  auto cut = [&](const MatQ& m, Eigen::Index i) {
    if (m.rows() == d && m.cols() == d) return drop_index(m, i, true);
    if (m.rows() == d && m.cols() == 1) return drop_index(m, i, false);
    return m;
  };
  for (Eigen::Index i = 0; i < d; ++i) {
    Sample t = s;
    for (auto& [k, m] : t.mats) m = cut(m, i);
    for (auto& [k, f] : t.families) for (auto& m : f) m = cut(m, i);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Sample> drop_member(const Sample& s, size_t min_n) {
  std::vector<Sample> out;
  for (const auto& [k, f] : s.families) {
    if (f.size() <= min_n) continue;
    for (size_t i = 0; i < f.size(); ++i) {
      Sample t = s;
      t.families[k].erase(t.families[k].begin() + long(i));
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace stabcheck::gen
