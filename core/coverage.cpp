#include "core/coverage.hpp"
#include "core/linalg.hpp"  // the double solvers compiled once in linalg_double.cpp
#include <algorithm>
#include <cmath>

namespace stabcheck {

namespace {

bool symmetric(const MatQ& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = i + 1; j < m.cols(); ++j)
      if (m(i, j) != m(j, i)) return false;
  return true;
}

/// |eigenvalues| of a symmetric matrix, singular values otherwise, in double.
Eigen::VectorXd magnitudes(const MatQ& q) {
  const Mat<double> a = from_rat<double>(q);
  std::vector<double> v = symmetric(q) ? eigvals_sym(a) : svals(a);
  Eigen::VectorXd out(Eigen::Index(v.size()));
  for (size_t i = 0; i < v.size(); ++i) out(Eigen::Index(i)) = std::abs(v[i]);
  return out;
}

double lmax_sym(const Eigen::MatrixXd& a) { return eigvals_sym(a).back(); }

}  // namespace

const std::vector<double>& sigma_edges() {
  static const std::vector<double> e{1.0, 1.5, 2.0, 3.0, 5.0, 10.0, INFINITY};
  return e;
}

long sigma_bucket(double sigma) {
  const auto& e = sigma_edges();
  if (std::abs(sigma - 1.0) <= 1e-9) return 0;
  for (size_t k = 1; k < e.size(); ++k)  // an edge computed a rounding error below itself belongs above
    if (sigma < e[k] * (1 - 1e-9)) return long(k);
  return long(e.size() - 1);
}

SampleFeatures features_of(const Sample& s) {
  SampleFeatures f;
  double worst_cond = 0;
  bool have_cond = false;
  auto visit = [&](const MatQ& m) {
    if (m.size() == 0) return;
    f.dimension = std::max<long>(f.dimension, long(std::max(m.rows(), m.cols())));
    if (m.rows() != m.cols()) return;
    Eigen::VectorXd v = magnitudes(m);
    double top = v.maxCoeff();
    double tol = double(m.rows()) * std::ldexp(1.0, -46) * top;
    long rank = 0;
    double bottom = INFINITY;
    for (Eigen::Index i = 0; i < v.size(); ++i)
      if (v(i) > tol) { ++rank; bottom = std::min(bottom, v(i)); }
    f.rank = f.rank == kNone ? rank : std::min(f.rank, rank);
    if (rank > 0) { worst_cond = std::max(worst_cond, top / bottom); have_cond = true; }
  };
  for (const auto& [k, m] : s.mats) visit(m);
  for (const auto& [k, fam] : s.families)
    for (const auto& m : fam) visit(m);
  if (have_cond) f.cond_decade = int(std::floor(std::log10(worst_cond) + 1e-9));
  auto h = s.families.find("H");
  if (h != s.families.end() && !h->second.empty()) {
    const auto& hq = h->second;
    std::vector<Eigen::MatrixXd> hd;
    bool square = true;
    for (const auto& m : hq) { hd.push_back(from_rat<double>(m)); square = square && m.rows() == m.cols() && m.rows() == hq[0].rows(); }
    if (square) {
      const Eigen::Index n = Eigen::Index(hd.size());
      Eigen::MatrixXd S(n, n);
      double top = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        top = std::max(top, lmax_sym(hd[size_t(i)]));
        for (Eigen::Index j = i; j < n; ++j)
          S(i, j) = S(j, i) = std::sqrt(std::max(0.0, (hd[size_t(i)] * hd[size_t(j)]).trace()));
      }
      if (top > 0) {
        f.sigma = lmax_sym(S) / top;
        f.sigma_bucket = sigma_bucket(f.sigma);
      }
    }
  }
  return f;
}

void SlackHistogram::add(double rel, bool violated) {
  if (std::isnan(rel)) { ++unevaluated; return; }
  if (violated) { ++negative; return; }
  if (rel <= 0) { ++zero; return; }  // not violated: within the tolerance of the deciding precision
  int d = std::isinf(rel) ? kMaxDecade : int(std::floor(std::log10(rel)));
  ++decades[std::clamp(d, kMinDecade, kMaxDecade)];
}

long SlackHistogram::total() const {
  long t = negative + zero + unevaluated;
  for (const auto& [k, n] : decades) t += n;
  return t;
}

void Coverage::add(const SampleFeatures& f) {
  ++dimension[f.dimension];
  ++rank[f.rank];
  ++cond_decade[f.cond_decade];
  ++sigma[f.sigma_bucket];
  if (f.sigma_bucket != kNone) {
    bool first = sigma_min == 0 && sigma_max == 0;
    sigma_min = first ? f.sigma : std::min(sigma_min, f.sigma);
    sigma_max = first ? f.sigma : std::max(sigma_max, f.sigma);
  }
}

std::string feature_label(long v) { return v == kNone ? "n/a" : std::to_string(v); }

std::string cond_label(int d) {
  if (d == kNoDecade) return "n/a";
  return "[1e" + std::to_string(d) + ",1e" + std::to_string(d + 1) + ")";
}

std::string sigma_label(long b) {
  if (b == kNone) return "n/a";
  if (b == 0) return "1";
  const auto& e = sigma_edges();
  auto g = [](double x) { std::string s = std::to_string(x); s.erase(s.find_last_not_of('0') + 1); if (s.back() == '.') s.pop_back(); return s; };
  if (size_t(b) + 1 == e.size()) return ">=" + g(e[size_t(b) - 1]);
  return (b == 1 ? "(" : "[") + g(e[size_t(b) - 1]) + "," + g(e[size_t(b)]) + ")";
}

std::string decade_label(int d) {
  if (d <= SlackHistogram::kMinDecade) return "(0,1e" + std::to_string(SlackHistogram::kMinDecade + 1) + ")";
  if (d >= SlackHistogram::kMaxDecade) return ">=1e" + std::to_string(SlackHistogram::kMaxDecade);
  return "[1e" + std::to_string(d) + ",1e" + std::to_string(d + 1) + ")";
}

}  // namespace stabcheck
