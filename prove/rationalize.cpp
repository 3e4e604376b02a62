#include "prove/rationalize.hpp"
#include "prove/certificate.hpp"
#include "core/linalg.hpp"
#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>
#include <optional>
#include <set>

namespace stabcheck::prove {

using SparseRow = std::vector<std::pair<int, Q>>;  // (column, value), columns distinct

std::optional<Q> small_rational(double x, long max_den, double tol) {
  if (!std::isfinite(x)) return std::nullopt;
  double a = x;
  long h0 = 1, h1 = 0, k0 = 0, k1 = 1;  // convergents h/k
  for (int it = 0; it < 40; ++it) {
    double fl = std::floor(a);
    if (std::abs(fl) > 1e15) break;
    long ai = long(fl);
    long h2 = ai * h0 + h1, k2 = ai * k0 + k1;
    if (k2 > max_den) break;
    h1 = h0, h0 = h2, k1 = k0, k0 = k2;
    if (std::abs(double(h0) / double(k0) - x) <= tol) return Q(h0, k0);
    double r = a - fl;
    if (r < 1e-300) break;
    a = 1 / r;
  }
  if (k0 > 0 && std::abs(double(h0) / double(k0) - x) <= tol) return Q(h0, k0);
  return std::nullopt;
}

namespace {

Q dyadic(double x, int bits) {
  double s = std::ldexp(x, bits);
  if (!std::isfinite(s)) return Q(0);
  double r = std::nearbyint(s);
  Q q(r);  // exact: r is an integer-valued double
  mpz_class den = 1;
  den <<= bits;
  q /= den;
  return q;
}

// Per block a rational basis matrix B (n x r) stored by rows: row i = (column, value) list.
struct Restriction {
  std::vector<std::vector<SparseRow>> rows;  // [block][i]
  std::vector<int> cols;                     // r per block
  std::vector<Eigen::MatrixXd> dense() const {
    std::vector<Eigen::MatrixXd> out;
    for (size_t b = 0; b < rows.size(); ++b) {
      Eigen::MatrixXd M = Eigen::MatrixXd::Zero(Eigen::Index(rows[b].size()), cols[b]);
      for (size_t i = 0; i < rows[b].size(); ++i)
        for (const auto& [c, v] : rows[b][i]) M(Eigen::Index(i), c) = v.get_d();
      out.push_back(M);
    }
    return out;
  }
};

// Rational null-space basis (n x (n-k)) of the rows spanning a numerical kernel K (n x k): RREF of K^T with small
// denominators. nullopt if the kernel is not (numerically) rational.
std::optional<std::vector<SparseRow>> complement_basis(const Eigen::MatrixXd& K, int& rank_out, long max_den, double tol) {
  Eigen::Index n = K.rows(), k = K.cols();
  Eigen::MatrixXd R = K.transpose();
  std::vector<int> pivots;
  std::vector<bool> used(size_t(n), false);
  for (Eigen::Index i = 0; i < k; ++i) {
    Eigen::Index best = -1;
    double bv = 1e-8;
    for (Eigen::Index c = 0; c < n; ++c)
      if (!used[size_t(c)] && std::abs(R(i, c)) > bv) bv = std::abs(R(i, c)), best = c;
    if (best < 0) continue;  // dependent row
    used[size_t(best)] = true;
    R.row(i) /= R(i, best);
    for (Eigen::Index r = 0; r < k; ++r)
      if (r != i) R.row(r) -= R(r, best) * R.row(i);
    pivots.push_back(int(best));
  }
  // rational RREF: rows i with pivot pivots[idx]
  std::vector<std::map<int, Q>> rr;
  size_t idx = 0;
  for (Eigen::Index i = 0; i < k && idx < pivots.size(); ++i) {
    if (std::abs(R(i, pivots[idx])) < 0.5) continue;
    std::map<int, Q> row;
    for (Eigen::Index c = 0; c < n; ++c) {
      if (used[size_t(c)]) continue;
      double x = R(i, c);
      auto q = std::abs(x) < tol ? std::optional<Q>(Q(0)) : small_rational(x, max_den, tol);
      if (!q && std::getenv("STABCHECK_PROVE_DEBUG")) std::fprintf(stderr, "  irrational RREF entry %.12g (row %ld col %ld)\n", x, long(i), long(c));
      if (!q) return std::nullopt;
      if (*q != 0) row[int(c)] = *q;
    }
    row[pivots[idx]] = 1;
    rr.push_back(row);
    ++idx;
  }
  rank_out = int(rr.size());
  // null space: for each free column f: e_f - sum_i R[i][f] e_{pivot_i}
  std::vector<int> free_cols;
  for (Eigen::Index c = 0; c < n; ++c)
    if (!used[size_t(c)]) free_cols.push_back(int(c));
  std::vector<SparseRow> rows(static_cast<size_t>(n));
  for (size_t fi = 0; fi < free_cols.size(); ++fi) {
    int f = free_cols[fi];
    rows[size_t(f)].push_back({int(fi), Q(1)});
    for (size_t i = 0; i < rr.size(); ++i) {
      auto it = rr[i].find(f);
      if (it != rr[i].end()) rows[size_t(pivots[i])].push_back({int(fi), -it->second});
    }
  }
  return rows;
}

// Exact solution of the sparse symmetric system A z = r (A = M M^T, possibly singular but consistent); nullopt if
// inconsistent. Gaussian elimination with shortest-row pivots.
std::optional<std::vector<Q>> solve_sparse(std::vector<std::map<int, Q>> A, std::vector<Q> r,
                                           std::chrono::steady_clock::time_point deadline) {
  size_t m = A.size();
  std::vector<bool> done(m, false);
  std::vector<int> piv_col(m, -1);
  // column -> rows containing it
  std::vector<std::set<int>> col_rows(m);
  for (size_t i = 0; i < m; ++i)
    for (const auto& [c, v] : A[i]) col_rows[size_t(c)].insert(int(i));
  std::vector<int> order;
  for (size_t step = 0; step < m; ++step) {
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    int best = -1;
    size_t bl = SIZE_MAX;
    for (size_t i = 0; i < m; ++i)
      if (!done[i] && !A[i].empty() && A[i].size() < bl) bl = A[i].size(), best = int(i);
    if (best < 0) break;
    size_t p = size_t(best);
    done[p] = true;
    // pivot column: the one with fewest rows
    int pc = -1;
    size_t cl = SIZE_MAX;
    for (const auto& [c, v] : A[p])
      if (col_rows[size_t(c)].size() < cl) cl = col_rows[size_t(c)].size(), pc = c;
    piv_col[p] = pc;
    order.push_back(int(p));
    Q pv = A[p][pc];
    std::vector<int> targets(col_rows[size_t(pc)].begin(), col_rows[size_t(pc)].end());
    for (int t : targets) {
      size_t ti = size_t(t);
      if (ti == p || done[ti]) continue;
      Q f = A[ti][pc] / pv;
      for (const auto& [c, v] : A[p]) {
        Q& x = A[ti][c];
        bool was = x != 0 || A[ti].count(c);
        x -= f * v;
        if (x == 0) {
          A[ti].erase(c);
          col_rows[size_t(c)].erase(t);
        } else if (was) {
          col_rows[size_t(c)].insert(t);
        }
      }
      r[ti] -= f * r[p];
    }
  }
  for (size_t i = 0; i < m; ++i)
    if (!done[i] && A[i].empty() && r[i] != 0) return std::nullopt;  // inconsistent
  // back substitution in reverse pivot order (done rows that were eliminated later only reference later pivots)
  std::vector<Q> z(m, Q(0));
  std::vector<bool> known(m, false);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    size_t p = size_t(*it);
    int pc = piv_col[p];
    Q s = r[p];
    for (const auto& [c, v] : A[p])
      if (c != pc) s -= v * z[size_t(c)];
    z[size_t(pc)] = s / A[p][pc];
    known[size_t(pc)] = true;
  }
  return z;
}

}  // namespace

// In the facial-reduction loop over thresholds: stop before a coarser threshold once a finer one reduced a block.
static bool reduced_any(bool reduced, double thr) { return reduced && thr > 1e-6; }

RationalResult rationalize(const GramProblem& p, std::chrono::steady_clock::time_point deadline) {
  RationalResult out;
  size_t nb = p.blocks.size();
  Restriction B;
  B.rows.resize(nb);
  B.cols.resize(nb);
  for (size_t b = 0; b < nb; ++b) {
    size_t n = p.blocks[b].basis.size();
    B.cols[b] = int(n);
    B.rows[b].resize(n);
    for (size_t i = 0; i < n; ++i) B.rows[b][i] = {{int(i), Q(1)}};
  }
  const int bits_list[] = {4, 8, 12, 16, 20, 26, 32, 40, 48};
  for (int step = 0; step < 4; ++step) {
    if (std::chrono::steady_clock::now() > deadline) {
      out.note = "time limit";
      return out;
    }
    std::vector<Eigen::MatrixXd> Bd = B.dense();
    SdpResult sdp = solve_sdp(p, step == 0 ? nullptr : &Bd);
    out.sdp_solves++;
    out.sdp_seconds += sdp.seconds;
    if (std::getenv("STABCHECK_PROVE_DEBUG"))
      std::fprintf(stderr, "SDP step %d: %s, %.3f s, %zu constraints\n", step, sdp.status.c_str(), sdp.seconds, p.classes.size());
    if (!sdp.ok) {
      out.note = "SDP: " + sdp.status;
      return out;
    }
    // variables of the projection: upper entries of every H block
    std::vector<size_t> hoff(nb + 1, 0);
    for (size_t b = 0; b < nb; ++b) hoff[b + 1] = hoff[b] + size_t(B.cols[b]) * size_t(B.cols[b] + 1) / 2;
    auto hidx = [&](size_t b, int a, int c) {
      if (a > c) std::swap(a, c);
      return int(hoff[b] + size_t(c) * size_t(c + 1) / 2 + size_t(a));
    };
    // constraint rows in h coordinates (exact)
    std::vector<SparseRow> M(p.classes.size());
    for (size_t c = 0; c < p.classes.size(); ++c) {
      std::map<int, Q> row;
      for (const auto& [v, q] : p.rows[c]) {
        const Var& x = p.vars[size_t(v)];
        size_t b = size_t(x.block);
        for (const auto& [a, va] : B.rows[b][size_t(x.i)])
          for (const auto& [d, vd] : B.rows[b][size_t(x.j)]) {
            Q& e = row[hidx(b, a, d)];
            e += q * va * vd;
          }
      }
      for (auto& [k, v] : row)
        if (v != 0) M[c].push_back({k, v});
    }
    // M M^T, sparse
    std::vector<std::vector<std::pair<int, Q>>> by_col(hoff[nb]);
    for (size_t c = 0; c < M.size(); ++c)
      for (const auto& [k, v] : M[c]) by_col[size_t(k)].push_back({int(c), v});
    std::vector<std::map<int, Q>> MMt(M.size());
    for (size_t c = 0; c < M.size(); ++c)
      for (const auto& [k, v] : M[c])
        for (const auto& [c2, v2] : by_col[size_t(k)]) MMt[c][c2] += v * v2;
    for (auto& row : MMt)
      for (auto it = row.begin(); it != row.end();) it = it->second == 0 ? row.erase(it) : std::next(it);

    for (int bits : bits_list) {
      if (std::chrono::steady_clock::now() > deadline) break;
      std::vector<Q> h(hoff[nb]);
      for (size_t b = 0; b < nb; ++b)
        for (int i = 0; i < B.cols[b]; ++i)
          for (int j = i; j < B.cols[b]; ++j) h[size_t(hidx(b, i, j))] = dyadic(sdp.X[b](i, j), bits);
      std::vector<Q> r(M.size());
      for (size_t c = 0; c < M.size(); ++c) {
        Q s = p.rhs[c];
        for (const auto& [k, v] : M[c]) s -= v * h[size_t(k)];
        r[c] = s;
      }
      auto z = solve_sparse(MMt, r, deadline);
      if (!z) continue;
      for (size_t c = 0; c < M.size(); ++c)
        if ((*z)[c] != 0)
          for (const auto& [k, v] : M[c]) h[size_t(k)] += v * (*z)[c];
      // exact check of the constraints, then PSD of each H
      bool ok = true;
      for (size_t c = 0; c < M.size() && ok; ++c) {
        Q s = 0;
        for (const auto& [k, v] : M[c]) s += v * h[size_t(k)];
        ok = s == p.rhs[c];
      }
      std::vector<QMatrix> H(nb);
      for (size_t b = 0; b < nb && ok; ++b) {
        int rr = B.cols[b];
        H[b].assign(size_t(rr), std::vector<Q>(size_t(rr)));
        for (int i = 0; i < rr; ++i)
          for (int j = 0; j < rr; ++j) H[b][size_t(i)][size_t(j)] = h[size_t(hidx(b, i, j))];
        ok = cert::psd_defect(H[b]).empty();
      }
      if (!ok) continue;
      // G = B H B^T
      out.G.assign(nb, {});
      for (size_t b = 0; b < nb; ++b) {
        size_t n = B.rows[b].size();
        QMatrix& G = out.G[b];
        G.assign(n, std::vector<Q>(n));
        for (size_t i = 0; i < n; ++i)
          for (size_t j = i; j < n; ++j) {
            Q s = 0;
            for (const auto& [a, va] : B.rows[b][i])
              for (const auto& [d, vd] : B.rows[b][j]) s += va * H[b][size_t(a)][size_t(d)] * vd;
            G[i][j] = G[j][i] = s;
          }
      }
      out.ok = true;
      out.bits = bits;
      out.facial_steps = step;
      return out;
    }
    // facial reduction: restrict every block with a numerical kernel to the kernel's rational complement (eigenvalues
    // below 1e-6 of the largest; failing that, below 1e-3 when a gap of 100 separates them from the rest)
    bool reduced = false;
    for (double thr : {1e-6, 1e-3})
    for (size_t b = 0; b < nb && !reduced_any(reduced, thr); ++b) {
      int r = B.cols[b];
      if (r == 0) continue;
      Eigen::VectorXd ev;
      Eigen::MatrixXd vectors;
      eig_sym_vectors(sdp.X[b], ev, vectors);
      double top = std::max(1.0, ev.cwiseAbs().maxCoeff());
      if (std::getenv("STABCHECK_PROVE_DEBUG")) {
        std::fprintf(stderr, "step %d block %zu (r=%d) eig:", step, b, r);
        for (int i = 0; i < r; ++i) std::fprintf(stderr, " %.3g", ev(i));
        std::fprintf(stderr, "\n");
      }
      std::vector<int> ker;
      for (int i = 0; i < r; ++i)
        if (ev(i) < thr * top) ker.push_back(i);
      if (ker.empty()) continue;
      if (thr > 1e-6 && int(ker.size()) < r &&
          ev(int(ker.size())) < 100 * std::max(ev(ker.back()), 1e-300))
        continue;
      Eigen::MatrixXd K(r, Eigen::Index(ker.size()));
      for (size_t i = 0; i < ker.size(); ++i) K.col(Eigen::Index(i)) = vectors.col(ker[i]);
      int rank = 0;
      // the kernel of an interior-point solution of a problem without a strictly feasible point is only accurate to
      // about the square root of the duality gap: small denominators first, then coarser snapping (a wrong guess
      // only makes the restricted problem infeasible; nothing unchecked is ever accepted)
      auto N = complement_basis(K, rank, 10000, 1e-7);
      if (!N) N = complement_basis(K, rank, 64, 2e-3);
      if (std::getenv("STABCHECK_PROVE_DEBUG")) std::fprintf(stderr, "  kernel %zu rational %d rank %d\n", ker.size(), bool(N), rank);
      if (!N || rank == 0) continue;
      // B_new = B * N  (N: r x (r - rank), by rows)
      int nr = r - rank;
      std::vector<SparseRow> rows(B.rows[b].size());
      for (size_t i = 0; i < B.rows[b].size(); ++i) {
        std::map<int, Q> acc;
        for (const auto& [a, va] : B.rows[b][i])
          for (const auto& [c, vc] : (*N)[size_t(a)]) acc[c] += va * vc;
        for (auto& [c, v] : acc)
          if (v != 0) rows[i].push_back({c, v});
      }
      B.rows[b] = rows;
      B.cols[b] = nr;
      reduced = true;
    }
    if (!reduced) {
      out.note = "rounding failed and no rational kernel to restrict to";
      return out;
    }
  }
  out.note = "rounding failed after facial reduction";
  return out;
}

}  // namespace stabcheck::prove
