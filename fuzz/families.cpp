// Structured random families for a parsed bound (fuzz/sampling.hpp): every sample is exact and of the
// declared kinds by construction; the generators come from generators/matrices.hpp where they exist.
#include "core/knobs.hpp"
#include "core/names.hpp"
#include "fuzz/eval.hpp"
#include "fuzz/sampling.hpp"
#include "generators/matrices.hpp"

namespace stabcheck::fuzz {

using GM = rc::Gen<MatQ>;
using GK = gen::Kind;
namespace rgen = rc::gen;

const Named<Style> kStyleNames[] = {
    {Style::Plain, "plain-random"}, {Style::Mixed, "structured"}, {Style::Commuting, "commuting"}, {Style::Aligned, "aligned"}};

std::string style_name(Style s) { return name_in(kStyleNames, s); }

bool kinds_allow_drop_coordinate(const Bound& b) {
  for (const auto& d : b.decls)
    if (d.kind == fuzz::Kind::Projector || d.kind == fuzz::Kind::Orthogonal) return false;
  return true;
}

namespace {

MatQ gram(const MatQ& g) { return g * g.transpose(); }
MatQ diag_of(const std::vector<int>& v) {
  MatQ m = MatQ::Zero(Eigen::Index(v.size()), Eigen::Index(v.size()));
  for (size_t i = 0; i < v.size(); ++i) m(Eigen::Index(i), Eigen::Index(i)) = v[i];
  return m;
}

GM orth(int d) {  // exactly orthogonal, both signs of the determinant
  return rgen::map(rgen::pair(gen::orthogonal(d), rgen::inRange(0, 2)), [](const std::pair<MatQ, int>& p) {
    MatQ q = p.first;
    if (p.second) q.col(0) = -q.col(0);
    return q;
  });
}
GM projector(GM q, int d) {
  return rgen::map(rgen::pair(q, rgen::inRange(0, d + 1)), [d](const std::pair<MatQ, int>& p) {
    MatQ dd = MatQ::Zero(d, d);
    for (int i = 0; i < p.second; ++i) dd(i, i) = 1;
    return MatQ(p.first * dd * p.first.transpose());
  });
}
GM sym_plain(int d) {
  return rgen::map(gen::int_matrix(d, d), [](const MatQ& g) { return MatQ(g + g.transpose()); });
}
GM diag_signed(int d) {
  return rgen::map(rgen::container<std::vector<int>>(size_t(d), gen::small_int(3)), diag_of);
}
GM diag_nonneg(int d) {
  return rgen::map(rgen::container<std::vector<int>>(size_t(d), rgen::inRange(0, 4)), diag_of);
}
GM low_rank(int d, int r) { return rgen::map(gen::int_matrix(d, std::min(r, d)), gram); }

GM plain(const Decl& x, int d) {
  switch (x.kind) {
    case fuzz::Kind::Psd: return gen::matrix(GK::Wishart, d);
    case fuzz::Kind::Pd: return rgen::map(gen::matrix(GK::Wishart, d), [d](const MatQ& a) { return MatQ(a + MatQ::Identity(d, d)); });
    case fuzz::Kind::PsdRank: return low_rank(d, x.rank);
    case fuzz::Kind::RankOne: return gen::matrix(GK::RankOne, d);
    case fuzz::Kind::Sym: return sym_plain(d);
    case fuzz::Kind::Diag: return diag_signed(d);
    case fuzz::Kind::PsdDiag: return diag_nonneg(d);
    case fuzz::Kind::Projector: return projector(gen::orthogonal(d), d);
    case fuzz::Kind::Orthogonal: return orth(d);
    case fuzz::Kind::General: return gen::int_matrix(d, d);
    case fuzz::Kind::Vec: return gen::int_matrix(d, 1);
    default: break;
  }
  throw std::logic_error("not a matrix kind");
}

GM oneof(std::vector<GM> gs) {  // uniform over the listed generators (shrinks toward the first)
  return rgen::mapcat(rgen::inRange<size_t>(0, gs.size()), [gs](size_t i) { return gs[i]; });
}

GM psd_any(int d) {
  std::vector<GM> gs;
  for (GK k : gen::psd_kinds()) gs.push_back(gen::matrix(k, d));
  return gen::scaled(oneof(gs), {0, -3, 3});
}

GM mixed(const Decl& x, int d) {
  switch (x.kind) {
    case fuzz::Kind::Psd: return oneof({psd_any(d), gen::matrix(GK::Spectrum, d), gen::matrix(GK::ScaledIdentity, d)});
    case fuzz::Kind::Pd:
      return rgen::map(rgen::pair(psd_any(d), gen::pow10({0, -2, -6, 2})),
                       [d](const std::pair<MatQ, Rat>& p) { return MatQ(p.first + p.second * MatQ::Identity(d, d)); });
    case fuzz::Kind::PsdRank: return gen::scaled(low_rank(d, x.rank), {0, -3, 3});
    case fuzz::Kind::RankOne: return gen::scaled(gen::matrix(GK::RankOne, d), {0, -3, 3});
    case fuzz::Kind::Sym:
      return oneof({sym_plain(d), psd_any(d), rgen::map(psd_any(d), [](const MatQ& a) { return MatQ(-a); }),
                    gen::matrix(GK::SymIndefinite, d),
                    rgen::map(rgen::pair(psd_any(d), psd_any(d)), [](const std::pair<MatQ, MatQ>& p) { return MatQ(p.first - p.second); })});
    case fuzz::Kind::Diag: return oneof({diag_signed(d), gen::matrix(GK::Diagonal, d), gen::scaled(diag_signed(d), {0, -3, 3})});
    case fuzz::Kind::PsdDiag: return oneof({diag_nonneg(d), gen::scaled(gen::matrix(GK::Diagonal, d), {0, -3, 3})});
    case fuzz::Kind::Projector: return projector(gen::orthogonal(d), d);
    case fuzz::Kind::Orthogonal: return orth(d);
    case fuzz::Kind::General:
      return oneof({gen::matrix(GK::General, d), gen::matrix(GK::Nilpotent, d), gen::matrix(GK::NonSymPsdPart, d), psd_any(d),
                    gen::matrix(GK::SymIndefinite, d),
                    rgen::map(rgen::pair(orth(d), psd_any(d)), [](const std::pair<MatQ, MatQ>& p) { return MatQ(p.first * p.second); })});
    case fuzz::Kind::Vec: return gen::scaled(gen::int_matrix(d, 1), {0, -3, 3});
    default: break;
  }
  throw std::logic_error("not a matrix kind");
}

// One shared orthogonal Q: symmetric kinds get Q diag(lambda) Q^T with small-integer spectra (ties
// are frequent: scaled identities, repeated eigenvalues), diagonal kinds get diag(lambda).
GM commuting(const Decl& x, int d, const MatQ& q) {
  auto spec = [d, q](rc::Gen<int> g, bool use_q) {
    return rgen::map(rgen::container<std::vector<int>>(size_t(d), g), [q, use_q](const std::vector<int>& v) {
      MatQ l = diag_of(v);
      return use_q ? MatQ(q * l * q.transpose()) : l;
    });
  };
  switch (x.kind) {
    case fuzz::Kind::Psd: return spec(rgen::inRange(0, 4), true);
    case fuzz::Kind::Pd: return spec(rgen::inRange(1, 4), true);
    case fuzz::Kind::Sym: return spec(gen::small_int(2), true);
    case fuzz::Kind::Diag: return spec(gen::small_int(2), false);
    case fuzz::Kind::PsdDiag: return spec(rgen::inRange(0, 4), false);
    case fuzz::Kind::Projector: return spec(rgen::inRange(0, 2), true);
    case fuzz::Kind::RankOne:
    case fuzz::Kind::PsdRank: {
      int r = x.kind == fuzz::Kind::RankOne ? 1 : std::min(x.rank, d);
      return rgen::map(rgen::container<std::vector<int>>(size_t(d), rgen::inRange(1, 4)), [q, r, d](const std::vector<int>& v) {
        std::vector<int> w(size_t(d), 0);
        for (int i = 0; i < r; ++i) w[size_t(i)] = v[size_t(i)];
        return MatQ(q * diag_of(w) * q.transpose());
      });
    }
    default: return plain(x, d);
  }
}

// Equality cases: multiples c * B of one shared matrix B (I or g g^T), c >= 0 for PSD kinds.
GM aligned(const Decl& x, int d, const MatQ& g, bool identity) {
  MatQ b = identity ? MatQ(MatQ::Identity(d, d)) : gram(g);
  auto mult = [b](rc::Gen<int> c) { return rgen::map(c, [b](int k) { return MatQ(b * Rat(k)); }); };
  switch (x.kind) {
    case fuzz::Kind::Psd: return mult(rgen::inRange(0, 4));
    case fuzz::Kind::PsdRank:
    case fuzz::Kind::RankOne: return rgen::map(rgen::inRange(0, 4), [g](int k) { return MatQ(gram(g) * Rat(k)); });
    case fuzz::Kind::Pd: return rgen::map(rgen::inRange(1, 4), [d](int k) { return MatQ(MatQ::Identity(d, d) * Rat(k)); });
    case fuzz::Kind::Sym: return mult(gen::small_int(3));
    case fuzz::Kind::Diag: return rgen::map(gen::small_int(3), [d](int k) { return MatQ(MatQ::Identity(d, d) * Rat(k)); });
    case fuzz::Kind::PsdDiag: return rgen::map(rgen::inRange(0, 4), [d](int k) { return MatQ(MatQ::Identity(d, d) * Rat(k)); });
    case fuzz::Kind::Projector: {
      Rat n2 = (g.transpose() * g)(0, 0);
      if (identity || n2 == 0) return rgen::just(MatQ(MatQ::Identity(d, d)));
      return rgen::just(MatQ(gram(g) / n2));
    }
    case fuzz::Kind::Vec: return rgen::map(gen::small_int(3), [g](int k) { return MatQ(g * Rat(k)); });
    case fuzz::Kind::General: return mult(gen::small_int(3));
    default: return plain(x, d);
  }
}

rc::Gen<Rat> scalar_gen(const Decl& x, Style st) {
  Rat lo = x.lo, hi = x.hi, w = hi - lo;
  auto uniform = rgen::map(rgen::inRange(0, 1001), [lo, w](int k) { return Rat(lo + w * Rat(k, 1000)); });
  if (st == Style::Plain) return uniform;
  return rgen::oneOf(rgen::elementOf(std::vector<Rat>{lo, hi, Rat((lo + hi) / 2), Rat(lo + w / 1000), Rat(hi - w / 1000)}), uniform);
}

long family_size(const Decl& x, const std::map<std::string, long>& ints) {
  if (std::isdigit((unsigned char)x.count[0])) return std::stol(x.count);
  return ints.at(x.count);
}

using Draw = std::function<GM(const Decl&)>;

rc::Gen<Sample> assemble(std::shared_ptr<const Bound> b, int d, std::map<std::string, long> ints, Draw draw, Style st) {
  Sample base;
  base.ints = ints;
  base.ints["d"] = d;
  rc::Gen<Sample> acc = rgen::just(base);
  for (const Decl& x : b->decls) {
    if (x.kind == fuzz::Kind::Int) continue;
    std::string name = x.name;
    if (x.kind == fuzz::Kind::Scalar) {
      acc = rgen::map(rgen::pair(acc, scalar_gen(x, st)), [name, lo = x.lo, hi = x.hi](const std::pair<Sample, Rat>& p) {
        Sample s = p.first;
        s.scalars[name] = knobs::scalar("scalar " + name, lo, hi, p.second);  // the run's search moves it within its range
        return s;
      });
    } else if (!x.count.empty()) {
      size_t n = size_t(std::max(0L, family_size(x, ints)));
      acc = rgen::map(rgen::pair(acc, rgen::container<std::vector<MatQ>>(n, draw(x))), [name](const std::pair<Sample, std::vector<MatQ>>& p) {
        Sample s = p.first;
        s.families[name] = p.second;
        return s;
      });
    } else {
      acc = rgen::map(rgen::pair(acc, draw(x)), [name](const std::pair<Sample, MatQ>& p) {
        Sample s = p.first;
        s.mats[name] = p.second;
        return s;
      });
    }
  }
  return acc;
}

}  // namespace

rc::Gen<Sample> sample_gen(std::shared_ptr<const Bound> b, int dlo, int dhi, Style st) {
  auto g = rgen::mapcat(gen::dim(dlo, dhi), [b, st](int d) {
    rc::Gen<std::map<std::string, long>> ig = rgen::just(std::map<std::string, long>{});
    for (const Decl& x : b->decls) {
      if (x.kind != fuzz::Kind::Int) continue;
      std::string name = x.name;
      int lo = int(numerator(x.lo).convert_to<long>()), hi = int(numerator(x.hi).convert_to<long>());
      ig = rgen::map(rgen::pair(ig, rgen::inRange(lo, hi + 1)), [name](const std::pair<std::map<std::string, long>, int>& p) {
        auto m = p.first;
        m[name] = p.second;
        return m;
      });
    }
    return rgen::mapcat(ig, [b, st, d](const std::map<std::string, long>& ints) -> rc::Gen<Sample> {
      switch (st) {
        case Style::Plain: return assemble(b, d, ints, [d](const Decl& x) { return plain(x, d); }, st);
        case Style::Mixed: return assemble(b, d, ints, [d](const Decl& x) { return mixed(x, d); }, st);
        case Style::Commuting:
          return rgen::mapcat(oneof({orth(d), rgen::just(MatQ(MatQ::Identity(d, d)))}), [b, d, ints, st](const MatQ& q) {
            return assemble(b, d, ints, [d, q](const Decl& x) { return commuting(x, d, q); }, st);
          });
        case Style::Aligned:
          return rgen::mapcat(rgen::pair(gen::int_matrix(d, 1), rgen::inRange(0, 2)), [b, d, ints, st](const std::pair<MatQ, int>& p) {
            MatQ g = p.first;
            if (g.isZero()) g(0, 0) = 1;
            bool id = p.second == 1;
            return assemble(b, d, ints, [d, g, id](const Decl& x) { return aligned(x, d, g, id); }, st);
          });
      }
      throw std::logic_error("style");
    });
  });
  if (!b->partial) return g;
  return rgen::suchThat(g, [b](const Sample& s) { return in_domain(*b, s); });
}

}  // namespace stabcheck::fuzz
