// Gram-matrix set-up and the CSDP call (Debian libsdp-dev: /usr/include/csdp, libsdp).
#include "prove/gram.hpp"
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <Eigen/SparseQR>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <unistd.h>

#ifndef STABCHECK_NO_CSDP
extern "C" {
#include <csdp/declarations.h>
}
#endif

namespace stabcheck::prove {

Hypotheses hypotheses(const Fragment& f) {
  Hypotheses h;
  for (const auto& m : f.matrices)  // a localized PSD variable A: the hypothesis A >= 0
    if (m.kind == MatrixVar::Kind::Psd && !f.substituted(m)) h.matrix.push_back({m.name, NcPoly::letter(f.alpha.code(m.letter)), 1});
  for (size_t k = 0; k < f.scalars.size(); ++k) {
    const ScalarVar& s = f.scalars[k];
    Mono me(1, char(k));
    NcPoly lam = NcPoly::scalar(me);
    switch (s.kind) {
      case ScalarVar::Kind::Param:
        if (s.lo) h.scalar.push_back({s.name + ":lo", TracePoly::scalar(me) - TracePoly::scalar("", *s.lo), 1});
        if (s.hi) h.scalar.push_back({s.name + ":hi", TracePoly::scalar("", *s.hi) - TracePoly::scalar(me), 1});
        break;
      case ScalarVar::Kind::Lmax:
      case ScalarVar::Kind::Lmin: {
        NcPoly P = f.substituted(s.of);
        NcPoly g = s.kind == ScalarVar::Kind::Lmax ? lam - P : P - lam;
        h.matrix.push_back({s.name, g, g.degree()});
        if (s.nonneg) h.scalar.push_back({s.name + ":nonneg", TracePoly::scalar(me), 1});
        // P = F F' substituted: F' F has the same spectrum (F square), so lambda I - F' F >= 0 (F' F - mu I >= 0) too
        if (s.of.t.size() == 1 && s.of.t.begin()->first.first.empty() && s.of.t.begin()->second == 1 &&
            s.of.t.begin()->first.second.size() == 1) {
          int l = int((unsigned char)s.of.t.begin()->first.second[0]) >> 1;
          int F = size_t(l) < f.factor_of.size() ? f.factor_of[size_t(l)] : -1;
          if (F >= 0) {
            NcPoly FtF = NcPoly::letter(f.alpha.code(F, true)) * NcPoly::letter(f.alpha.code(F));
            NcPoly gs = s.kind == ScalarVar::Kind::Lmax ? lam - FtF : FtF - lam;
            h.matrix.push_back({s.name + ":swap", gs, gs.degree()});
          }
        }
        break;
      }
      case ScalarVar::Kind::Op: {
        NcPoly P = f.substituted(s.of), PT = P.transposed(f.alpha);
        h.scalar.push_back({s.name + ":nonneg", TracePoly::scalar(me), 1});
        NcPoly sq = NcPoly::scalar(me + me) - PT * P;
        NcPoly sy = (P + PT).scaled(Q(1, 2));
        h.matrix.push_back({s.name + ":sq", sq, sq.degree()});
        h.matrix.push_back({s.name + ":sym+", lam - sy, (lam - sy).degree()});
        h.matrix.push_back({s.name + ":sym-", lam + sy, (lam + sy).degree()});
        break;
      }
    }
  }
  return h;
}

int GramProblem::words() const {
  int n = 0;
  for (const auto& b : blocks) n += int(b.basis.size());
  return n;
}
int GramProblem::max_block() const {
  int n = 0;
  for (const auto& b : blocks) n = std::max(n, int(b.basis.size()));
  return n;
}

TracePoly entry_expansion(const Fragment& f, const Hypotheses& h, const Block& b, int i, int j) {
  const BasisElem& u = b.basis[size_t(i)];
  const BasisElem& v = b.basis[size_t(j)];
  TracePoly S = TracePoly::scalar("", 1);
  for (int s : b.sf) {
    TracePoly r;
    for (const auto& [k1, c1] : S.t)
      for (const auto& [k2, c2] : h.scalar[size_t(s)].p.t) r.add({mono_mul(k1.m, k2.m), false, ""}, c1 * c2);
    S = r;
  }
  Mono m = mono_mul(u.m, v.m);
  TracePoly e;
  if (!b.traced) {
    e.add({m, false, ""}, 1);
  } else {
    Word ut = f.alpha.transpose(u.w);
    NcPoly g = b.mf >= 0 ? h.matrix[size_t(b.mf)].g : NcPoly::constant(1);
    for (const auto& [k, c] : g.t) e.add({mono_mul(m, k.first), true, f.alpha.canonical(ut + k.second + v.w)}, c);
  }
  TracePoly r;
  for (const auto& [k1, c1] : S.t)
    for (const auto& [k2, c2] : e.t) r.add({mono_mul(k1.m, k2.m), k2.traced, k2.w}, c1 * c2);
  return r;
}

namespace {

struct Degrees {  // per-variable (letter / scalar) min and max degree over a set of terms
  std::map<int, int> lo, hi;
  int tlo = 1 << 30, thi = 0;
  bool any = false;
};

Degrees degrees(const TracePoly& f, bool traced, const std::vector<int>& letters, const std::vector<int>& scalars) {
  Degrees d;
  for (int l : letters) d.lo[l] = 1 << 30, d.hi[l] = 0;
  for (int s : scalars) d.lo[1000 + s] = 1 << 30, d.hi[1000 + s] = 0;
  for (const auto& [k, c] : f.t) {
    if (k.traced != traced) continue;
    d.any = true;
    std::map<int, int> cnt;
    for (char x : k.w) cnt[int((unsigned char)x) >> 1]++;
    for (char x : k.m) cnt[1000 + int(x)]++;
    for (auto& [v, lo] : d.lo) {
      int n = cnt.count(v) ? cnt[v] : 0;
      lo = std::min(lo, n);
      d.hi[v] = std::max(d.hi[v], n);
    }
    int t = int(k.w.size() + k.m.size());
    d.tlo = std::min(d.tlo, t);
    d.thi = std::max(d.thi, t);
  }
  return d;
}

// All (mono, word) with |m| + |w| <= k over the codes and scalars, within per-variable bounds [lo, hi] (by
// variable key: letter id, 1000 + scalar id) and total degree in [tlo, k].
std::vector<BasisElem> enumerate(const std::vector<char>& codes, const std::vector<int>& scalars, int k, int tlo,
                                 const std::map<int, int>* lo, const std::map<int, int>* hi, size_t cap) {
  std::vector<BasisElem> out;
  std::map<int, int> cnt;
  auto within_hi = [&](int v) { return !hi || !hi->count(v) || cnt[v] <= hi->at(v); };
  auto lows_ok = [&]() {
    if (!lo) return true;
    for (const auto& [v, l] : *lo)
      if (cnt[v] < l) return false;
    return true;
  };
  std::vector<Mono> monos;
  std::function<void(size_t, Mono&)> gen_m = [&](size_t from, Mono& m) {
    monos.push_back(m);
    if (int(m.size()) >= k) return;
    for (size_t i = from; i < scalars.size(); ++i) {
      int v = 1000 + scalars[i];
      cnt[v]++;
      if (within_hi(v)) {
        m.push_back(char(scalars[i]));
        gen_m(i, m);
        m.pop_back();
      }
      cnt[v]--;
    }
  };
  Mono m0;
  gen_m(0, m0);
  for (const Mono& m : monos) {
    for (char x : m) cnt[1000 + int(x)]++;
    std::function<void(Word&)> gen_w = [&](Word& w) {
      if (out.size() > cap) return;
      int t = int(m.size() + w.size());
      if (t >= tlo && lows_ok()) out.push_back({m, w});
      if (t >= k) return;
      for (char c : codes) {
        int v = int((unsigned char)c) >> 1;
        cnt[v]++;
        if (within_hi(v)) {
          w.push_back(c);
          gen_w(w);
          w.pop_back();
        }
        cnt[v]--;
      }
    };
    Word w0;
    gen_w(w0);
    for (char x : m) cnt[1000 + int(x)]--;
  }
  return out;
}

}  // namespace

GramProblem build_gram(const Fragment& f, const Hypotheses& h, const TracePoly& target, int D, bool pure, bool chip) {
  GramProblem gp;
  // letters and scalars in use (after substitution)
  std::set<int> lset, sset;
  auto note_word = [&](const Word& w) {
    for (char c : w) lset.insert(int((unsigned char)c) >> 1);
  };
  auto note_mono = [&](const Mono& m) {
    for (char c : m) sset.insert(int(c));
  };
  for (const auto& [k, c] : target.t) note_word(k.w), note_mono(k.m);
  if (!pure)
    for (const auto& hm : h.matrix)
      for (const auto& [k, c] : hm.g.t) note_word(k.second), note_mono(k.first);
  std::vector<int> letters(lset.begin(), lset.end()), scalars(sset.begin(), sset.end());
  std::vector<char> codes;
  for (int l : letters) {
    codes.push_back(f.alpha.code(l, false));
    if (!f.alpha.letters[size_t(l)].symmetric) codes.push_back(f.alpha.code(l, true));
  }
  bool has_traced = false, has_untraced = false;
  for (const auto& [k, c] : target.t) (k.traced ? has_traced : has_untraced) = true;
  const size_t cap = 700;

  if (pure) {
    for (bool traced : {true, false}) {
      if (traced ? !has_traced : !has_untraced) continue;
      Degrees d = degrees(target, traced, letters, scalars);
      std::map<int, int> lo, hi;
      for (const auto& [v, x] : d.lo) lo[v] = (x + 1) / 2;
      for (const auto& [v, x] : d.hi) hi[v] = x / 2;
      int k = std::min(D, d.thi) / 2, tlo = (d.tlo + 1) / 2;
      Block b;
      b.traced = traced;
      if (chip && traced) {  // right halves of every rotation of w and w^T, w a word of f (monomial: its square root)
        std::set<std::pair<Mono, Word>> chips;
        for (const auto& [key, c] : target.t) {
          if (!key.traced) continue;
          Mono half;
          bool square = true;
          for (size_t i = 0; i < key.m.size(); i += 2) {
            square = square && i + 1 < key.m.size() && key.m[i] == key.m[i + 1];
            half += key.m[i];
          }
          if (!square) continue;
          size_t L = key.w.size();
          const Word* both[] = {&key.w, nullptr};
          for (const Word* w : both) {
            Word base = w ? *w : f.alpha.transpose(key.w);
            for (size_t r = 0; r < std::max<size_t>(L, 1); ++r) {
              Word rot = L ? base.substr(r) + base.substr(0, r) : base;
              for (size_t len : {L / 2, (L + 1) / 2}) chips.insert({half, rot.substr(L - len)});
            }
          }
        }
        for (const auto& [m, w] : chips) {
          std::map<int, int> cnt;
          for (char x : w) cnt[int((unsigned char)x) >> 1]++;
          for (char x : m) cnt[1000 + int(x)]++;
          bool ok = int(m.size() + w.size()) <= k && int(m.size() + w.size()) >= tlo;
          for (const auto& [v, l] : lo) ok = ok && (cnt.count(v) ? cnt[v] : 0) >= l;
          for (const auto& [v, u] : hi) ok = ok && (cnt.count(v) ? cnt[v] : 0) <= u;
          if (ok) b.basis.push_back({m, w});
        }
      } else {
        b.basis = enumerate(traced ? codes : std::vector<char>{}, scalars, k, tlo, &lo, &hi, 1000);
      }
      gp.blocks.push_back(b);
    }
  } else {
    std::vector<std::vector<int>> sfs{{}};
    for (size_t s = 0; s < h.scalar.size(); ++s) sfs.push_back({int(s)});
    if (h.scalar.size() <= 4)
      for (size_t s = 0; s < h.scalar.size(); ++s)
        for (size_t t = s; t < h.scalar.size(); ++t) sfs.push_back({int(s), int(t)});
    for (const auto& sf : sfs) {
      int ds = 0;
      for (int s : sf) ds += h.scalar[size_t(s)].degree;
      for (int mf = -1; mf < int(h.matrix.size()); ++mf) {
        int dg = mf >= 0 ? h.matrix[size_t(mf)].degree : 0;
        int rest = D - ds - dg;
        if (rest < 0) continue;
        for (bool traced : {true, false}) {
          if (traced ? !has_traced : (!has_untraced || mf >= 0)) continue;
          Block b;
          b.traced = traced;
          b.sf = sf;
          b.mf = mf;
          b.basis = enumerate(traced ? codes : std::vector<char>{}, scalars, rest / 2, 0, nullptr, nullptr, cap);
          if (!b.basis.empty()) gp.blocks.push_back(b);
        }
      }
    }
  }
  for (const auto& b : gp.blocks)
    if (b.basis.size() > (pure ? 1000 : cap)) {
      gp.infeasible = true;
      gp.note = "basis above " + std::to_string(pure ? 1000 : cap) + " words";
      return gp;
    }

  // Diagonal reduction of the plain SOHS block: a word whose hermitian square tr(u^T u) lands in a class absent from f
  // that only diagonal entries reach has G_uu = 0, hence a zero row: drop it (repeat until stable).
  if (pure)
    for (auto& b : gp.blocks) {
      for (bool changed = true; changed;) {
        changed = false;
        size_t n = b.basis.size();
        auto key = [&](size_t i, size_t j) {
          return TKey{mono_mul(b.basis[i].m, b.basis[j].m), b.traced,
                      b.traced ? f.alpha.canonical(f.alpha.transpose(b.basis[i].w) + b.basis[j].w) : Word()};
        };
        std::map<TKey, std::vector<int>> diag;  // diagonal classes absent from f -> the words reaching them
        for (size_t i = 0; i < n; ++i) {
          TKey k = key(i, i);
          if (!target.t.count(k)) diag[k].push_back(int(i));
        }
        std::set<TKey> off;  // of those, the ones an off-diagonal entry also reaches
        for (size_t i = 0; i < n && !diag.empty(); ++i)
          for (size_t j = i + 1; j < n; ++j) {
            TKey k = key(i, j);
            if (diag.count(k)) off.insert(k);  // (j, i) is the transpose: the same class
          }
        std::vector<bool> drop(n, false);
        for (const auto& [k, words] : diag)
          if (!off.count(k))
            for (int i : words) drop[size_t(i)] = true;
        std::vector<BasisElem> kept;
        for (size_t i = 0; i < n; ++i)
          if (!drop[i]) kept.push_back(b.basis[i]);
        changed = kept.size() < n;
        b.basis = kept;
      }
    }

  for (const auto& b : gp.blocks)
    if (b.basis.size() > cap) {
      gp.infeasible = true;
      gp.note = "basis above " + std::to_string(cap) + " words after the diagonal reduction";
      return gp;
    }

  std::map<TKey, int> cls;
  auto class_of = [&](const TKey& k) {
    auto [it, fresh] = cls.try_emplace(k, int(gp.classes.size()));
    if (fresh) {
      gp.classes.push_back(k);
      gp.rows.emplace_back();
      auto t = target.t.find(k);
      gp.rhs.push_back(t == target.t.end() ? Q(0) : t->second);
    }
    return it->second;
  };
  for (size_t bi = 0; bi < gp.blocks.size(); ++bi) {
    const Block& b = gp.blocks[bi];
    int n = int(b.basis.size());
    for (int i = 0; i < n; ++i)
      for (int j = i; j < n; ++j) {
        TracePoly e = entry_expansion(f, h, b, i, j);
        if (i != j) e = e + entry_expansion(f, h, b, j, i);
        if (e.is_zero()) continue;
        int v = int(gp.vars.size());
        gp.vars.push_back({int(bi), i, j});
        for (const auto& [k, c] : e.t) gp.rows[size_t(class_of(k))].push_back({v, c});
      }
  }
  for (const auto& [k, c] : target.t)
    if (!cls.count(k)) {
      gp.infeasible = true;
      gp.note = "a term of the bound is reached by no Gram entry";
      class_of(k);
    }
  if (gp.classes.size() > 1500) {  // CSDP's Schur complement grows as m^3: about 6 s at m = 800 on this machine
    gp.infeasible = true;
    gp.note = "more than 1500 constraints";
  }
  return gp;
}

#ifndef STABCHECK_NO_CSDP
namespace {

std::mutex csdp_mutex;  // CSDP keeps global state and prints to stdout

// Silence CSDP's stdout output for the duration of a call.
struct Quiet {
  int saved = -1;
  Quiet() {
    std::fflush(stdout);
    saved = dup(1);
    int nul = open("/dev/null", O_WRONLY);
    if (nul >= 0) {
      dup2(nul, 1);
      close(nul);
    }
  }
  ~Quiet() {
    std::fflush(stdout);
    if (saved >= 0) {
      dup2(saved, 1);
      close(saved);
    }
  }
};

template <class T> T* alloc(size_t n) {
  T* p = static_cast<T*>(std::calloc(n + 1, sizeof(T)));
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace
#endif

SdpResult solve_sdp(const GramProblem& p, const std::vector<Eigen::MatrixXd>* restrict) {
  auto t0 = std::chrono::steady_clock::now();
  SdpResult res;
  size_t nb = p.blocks.size();
  std::vector<int> size(nb);
  for (size_t b = 0; b < nb; ++b) size[b] = restrict ? int((*restrict)[b].cols()) : int(p.blocks[b].basis.size());
  // constraint matrices per class and block: A_c,b (symmetric, dense in the restricted case)
  std::vector<std::map<int, Eigen::MatrixXd>> A(p.classes.size());
  for (size_t c = 0; c < p.classes.size(); ++c) {
    std::map<int, Eigen::MatrixXd>& Ac = A[c];
    for (const auto& [v, q] : p.rows[c]) {
      const Var& x = p.vars[size_t(v)];
      int n = int(p.blocks[size_t(x.block)].basis.size());
      auto it = Ac.find(x.block);
      if (it == Ac.end()) it = Ac.emplace(x.block, Eigen::MatrixXd::Zero(n, n)).first;
      double d = q.get_d();
      if (x.i == x.j) it->second(x.i, x.i) += d;
      else it->second(x.i, x.j) += d / 2, it->second(x.j, x.i) += d / 2;
    }
    if (restrict)
      for (auto& [b, M] : Ac) M = (*restrict)[size_t(b)].transpose() * M * (*restrict)[size_t(b)];
  }
  // independent constraints (CSDP needs linearly independent A_c): rank-revealing sparse QR of [vec A_c] columns
  std::vector<size_t> offset(nb + 1, 0);
  for (size_t b = 0; b < nb; ++b) offset[b + 1] = offset[b] + size_t(size[b]) * size_t(size[b] + 1) / 2;
  std::vector<Eigen::Triplet<double>> trip;
  for (size_t c = 0; c < A.size(); ++c)
    for (const auto& [b, M] : A[c])
      for (int i = 0; i < M.rows(); ++i)
        for (int j = i; j < M.cols(); ++j) {
          double x = M(i, j) * (i == j ? 1.0 : std::sqrt(2.0));
          if (std::abs(x) > 1e-12) trip.emplace_back(int(offset[size_t(b)] + size_t(j) * size_t(j + 1) / 2 + size_t(i)), int(c), x);
        }
  std::vector<int> nnz(A.size(), 0);
  for (const auto& t : trip) nnz[size_t(t.col())]++;
  std::vector<int> keep;
  {
    Eigen::SparseMatrix<double> S(Eigen::Index(offset[nb]), Eigen::Index(A.size()));
    S.setFromTriplets(trip.begin(), trip.end());
    S.makeCompressed();
    Eigen::SparseQR<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> qr;
    qr.setPivotThreshold(1e-9);
    qr.compute(S);
    if (qr.info() != Eigen::Success) {
      res.status = "constraint QR failed";
      return res;
    }
    auto perm = qr.colsPermutation().indices();
    for (Eigen::Index k = 0; k < qr.rank(); ++k) keep.push_back(perm(k));
    std::sort(keep.begin(), keep.end());
  }
  // an empty constraint with a nonzero right-hand side: infeasible
  for (size_t c = 0; c < A.size(); ++c)
    if (nnz[c] == 0 && p.rhs[c] != 0) {
      res.status = "infeasible (uncovered term)";
      return res;
    }
  std::vector<int> csdp_block(nb, 0);  // 1-based CSDP block of each non-empty block (0: empty, skipped)
  int nact = 0;
  for (size_t b = 0; b < nb; ++b)
    if (size[b] > 0) csdp_block[b] = ++nact;
  int n = 0;
  for (int s : size) n += s;
  int m = int(keep.size());
  if (n == 0 || m == 0) {
    res.status = "empty problem";
    return res;
  }

#ifdef STABCHECK_NO_CSDP
  res.status = "CSDP not available (install Debian's libsdp-dev and rebuild)";
  return res;
#else
  std::lock_guard<std::mutex> lock(csdp_mutex);
  struct blockmatrix C;
  C.nblocks = nact;
  C.blocks = alloc<struct blockrec>(size_t(nact));
  for (size_t b = 0; b < nb; ++b) {
    if (!csdp_block[b]) continue;
    C.blocks[csdp_block[b]].blockcategory = MATRIX;
    C.blocks[csdp_block[b]].blocksize = size[b];
    C.blocks[csdp_block[b]].data.mat = alloc<double>(size_t(size[b]) * size_t(size[b]));
  }
  double* a = alloc<double>(size_t(m));
  struct constraintmatrix* cons = alloc<struct constraintmatrix>(size_t(m));
  for (int k = 0; k < m; ++k) {
    size_t c = size_t(keep[size_t(k)]);
    a[k + 1] = p.rhs[c].get_d();
    cons[k + 1].blocks = nullptr;
    struct sparseblock** tail = &cons[k + 1].blocks;
    for (const auto& [b, M] : A[c]) {  // increasing block order
      std::vector<std::tuple<int, int, double>> e;
      for (int i = 0; i < M.rows(); ++i)
        for (int j = i; j < M.cols(); ++j)
          if (std::abs(M(i, j)) > 1e-14) e.emplace_back(i + 1, j + 1, M(i, j));
      if (e.empty() || !csdp_block[size_t(b)]) continue;
      auto* sb = alloc<struct sparseblock>(0);
      sb->next = nullptr;
      sb->nextbyblock = nullptr;
      sb->blocknum = csdp_block[size_t(b)];
      sb->blocksize = size[size_t(b)];
      sb->constraintnum = k + 1;
      sb->numentries = int(e.size());
      sb->entries = alloc<double>(e.size());
      sb->iindices = alloc<int>(e.size());
      sb->jindices = alloc<int>(e.size());
      for (size_t q = 0; q < e.size(); ++q) {
        sb->iindices[q + 1] = std::get<0>(e[q]);
        sb->jindices[q + 1] = std::get<1>(e[q]);
        sb->entries[q + 1] = std::get<2>(e[q]);
      }
      *tail = sb;
      tail = &sb->next;
    }
  }
  struct blockmatrix X, Z;
  double* y = nullptr;
  double pobj = 0, dobj = 0;
  int ret;
  {
    Quiet q;
    initsoln(n, m, C, a, cons, &X, &y, &Z);
    ret = easy_sdp(n, m, C, a, cons, 0.0, &X, &y, &Z, &pobj, &dobj);
  }
  static const char* names[] = {"success", "primal infeasible", "dual infeasible", "partial success",
                                "maximum iterations", "stuck at edge of primal feasibility",
                                "stuck at edge of dual infeasibility", "lack of progress", "singular Schur complement",
                                "NaN or Inf", "", "", "", "", "", "", "", "", "", "", ""};
  res.status = ret >= 0 && ret <= 10 ? names[ret] : "error " + std::to_string(ret);
  res.ok = ret == 0 || ret == 3;
  if (res.ok)
    for (size_t b = 0; b < nb; ++b) {
      int s = size[b];
      Eigen::MatrixXd G(s, s);
      for (int i = 0; i < s; ++i)
        for (int j = 0; j < s; ++j) G(i, j) = X.blocks[csdp_block[b]].data.mat[ijtok(i + 1, j + 1, s)];
      res.X.push_back((G + G.transpose()) / 2);
    }
  free_prob(n, m, C, a, cons, X, y, Z);
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
#endif
}

}  // namespace stabcheck::prove
