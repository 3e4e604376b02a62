#include <cmath>
#include "generators/stability.hpp"
#include <algorithm>
#include "core/knobs.hpp"
#include "generators/construction.hpp"
#include <stdexcept>

namespace stabcheck::stab {

using V = std::vector<MatQ>;

const std::vector<std::string>& hkinds() {
  static const std::vector<std::string> k = {"wishart", "lowrank", "rankone", "diagonal", "commuting", "clustered",
                                             "orthogonal", "aligned", "independent", "construction-a",
                                             "construction-b", "pm-identity"};
  return k;
}

namespace {
Rat row_sum_bound(const MatQ& e) {
  Rat best = 0;
  for (Eigen::Index i = 0; i < e.rows(); ++i) {
    Rat s = 0;
    for (Eigen::Index j = 0; j < e.cols(); ++j) s += abs(e(i, j));
    if (s > best) best = s;
  }
  return best;
}
}  // namespace

rc::Gen<V> hfamily(const std::string& kind, int n, int d) {
  using gen::Kind;
  using gen::FamilyKind;
  if (kind == "wishart")
    return rc::gen::map(rc::gen::container<V>(size_t(n), gen::matrix(Kind::Wishart, d)), [d](V v) {
      for (auto& m : v) m /= Rat(d);
      return v;
    });
  if (kind == "lowrank") return rc::gen::container<V>(size_t(n), gen::matrix(Kind::LowRank, d));
  if (kind == "rankone") return gen::family(FamilyKind::RankOnes, n, d);
  if (kind == "diagonal") return rc::gen::container<V>(size_t(n), gen::matrix(Kind::Diagonal, d));
  if (kind == "commuting") return gen::family(FamilyKind::Commuting, n, d);
  if (kind == "clustered") return gen::family(FamilyKind::Clustered, n, d);
  if (kind == "orthogonal") return gen::family(FamilyKind::Orthogonal, n, d);
  if (kind == "aligned") return gen::family(FamilyKind::Aligned, n, d);
  if (kind == "independent") return gen::family(FamilyKind::Independent, n, d);
  if (kind == "construction-a" || kind == "construction-b") {
    const char var = kind == "construction-a" ? 'a' : 'b';
    return rc::gen::map(rc::gen::pair(rc::gen::inRange(1, n + 1), rc::gen::inRange(0, 4)), [n, d, var](std::pair<int, int> p) {
      static const Rat lam[] = {Rat(1), Rat(2), Rat(1, 2), Rat(3)};
      return construction::family(var, n, p.first, lam[p.second], d);
    });
  }
  if (kind == "pm-identity")
    return rc::gen::map(rc::gen::container<V>(size_t(std::max(0, n - 1)), gen::int_matrix(d, d, 2)), [n, d](const V& g) {
      V e;
      MatQ sum = MatQ::Zero(d, d);
      for (const auto& m : g) {
        MatQ s = (m + m.transpose()) / Rat(2);
        e.push_back(s);
        sum += s;
      }
      e.push_back(-sum);
      Rat h = 1;
      for (const auto& m : e) h = std::max(h, row_sum_bound(m));
      V out;
      for (int i = 0; i < n; ++i) out.push_back(MatQ::Identity(d, d) * h + e[size_t(i)]);
      return out;
    });
  throw std::invalid_argument("unknown family kind '" + kind + "'");
}


namespace {
const std::vector<std::pair<int, int>>& square_pairs() {
  static const std::vector<std::pair<int, int>> p = {{2, 1}, {4, 2}, {5, 1}, {5, 4}, {6, 3}, {10, 2}};
  return p;
}

rc::Gen<std::pair<int, Rat>> n_and_B(const Base& b) {
  switch (b.brule) {
    case BRule::Any:
      return rc::gen::mapcat(gen::dim(b.n_lo, b.n_hi), [](int n) {
        return rc::gen::map(gen::shape(1, n), [n](int B) { return std::make_pair(n, Rat(B)); });
      });
    case BRule::LessN:
      return rc::gen::mapcat(gen::dim(std::max(2, b.n_lo), std::max(2, b.n_hi)), [](int n) {
        return rc::gen::map(gen::shape(1, n - 1), [n](int B) { return std::make_pair(n, Rat(B)); });
      });
    case BRule::EqualN:
      return rc::gen::map(gen::dim(b.n_lo, b.n_hi), [](int n) { return std::make_pair(n, Rat(n)); });
    case BRule::SquareRatio: {
      std::vector<std::pair<int, int>> ok;
      for (auto p : square_pairs())
        if (p.first >= b.n_lo && p.first <= b.n_hi) ok.push_back(p);
      if (ok.empty()) ok.push_back(square_pairs()[0]);
      return rc::gen::map(rc::gen::inRange(0, int(ok.size())), [ok](int i) {
        return std::make_pair(ok[size_t(i)].first, Rat(ok[size_t(i)].second));
      });
    }
  }
  throw std::logic_error("unknown B rule");
}
}  // namespace

namespace {
/// c lambda_max(H) = u[i]; for SAM (u[i] > 0) the search may move it within the base's positive units: every c > 0
/// is a SAM model of the claims, and an SGD sample (c = 0) stays one.
Rat c_unit_knob(const std::vector<Rat>& u, int i) {
  const Rat& drawn = u[size_t(i)];
  if (drawn <= 0) return drawn;
  std::optional<Rat> lo, hi;
  for (const Rat& x : u)
    if (x > 0) {
      if (!lo || x < *lo) lo = x;
      if (!hi || x > *hi) hi = x;
    }
  return knobs::scalar("c lambda_max", *lo, *hi, drawn);
}
}  // namespace

rc::Gen<Sample> model_gen(const Base& b, Finish finish) {
  return rc::gen::mapcat(n_and_B(b), [b, finish](std::pair<int, Rat> nb) {
    const int n = nb.first;
    const Rat B = nb.second;
    return rc::gen::mapcat(gen::dim(b.d_lo, b.d_hi), [b, finish, n, B](int d) {
      return rc::gen::map(
          rc::gen::tuple(hfamily(b.hkind, n, d), gen::shape(0, int(b.c_units.size()) - 1),
                         gen::shape(0, int(b.scales.size()) - 1), gen::shape(b.k_lo, b.k_hi),
                         gen::shape(0, std::max(1, b.ncodes) - 1)),
          [b, finish, B](const std::tuple<V, int, int, int, int>& t) {
            V H = std::get<0>(t);
            if (mean_of(H).isZero()) H[0] += MatQ::Identity(H[0].rows(), H[0].cols());  // keep H != 0
            const Rat s = gen::pow10_exact(b.scales[size_t(std::get<2>(t))]);
            for (auto& h : H) h *= s;
            Sample smp;
            smp.families["H"] = H;
            smp.scalars["B"] = B;
            Rat l = lmax_upper(mean_of(H));
            smp.scalars["c"] = c_unit_knob(b.c_units, std::get<1>(t)) / l;
            smp.scalars["eta"] = Rat(1) / l;  // placeholder, finishers set it
            if (b.k_hi > 0) smp.ints["k"] = std::get<3>(t);
            smp.ints["code"] = std::get<4>(t);
            return finish(std::move(smp), std::get<4>(t));
          });
    });
  });
}


Rat step_over_mu_max(const Sample& s, const std::vector<Rat>& table, size_t index) {
  const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
  return knobs::scalar("eta mu_max", *lo, *hi, table[index % table.size()]) / mu_upper(s.family("H"), s.scalar("c"));
}
Rat step_above(const Threshold& t, const std::vector<Rat>& table, size_t index) {
  const Rat hi = *std::max_element(table.begin(), table.end());
  return place_above(t, knobs::scalar("eta/eta* - 1", Rat(1, 1024), hi, table[index % table.size()]));
}
Rat step_below(const Threshold& t, const std::vector<Rat>& table, size_t index) {
  const Rat hi = *std::max_element(table.begin(), table.end());
  return place_below(t, knobs::scalar("1 - eta/eta*", Rat(1, 1024), hi, table[index % table.size()]));
}

void make_pd(Sample& s) {
  auto& H = s.families.at("H");
  MatQ Hb = mean_of(H);
  const int d = int(Hb.rows());
  if (rank_exact(Hb) == d) return;
  Rat t = Hb.trace() / Rat(d);
  if (t == 0) t = 1;
  H[0] += MatQ::Identity(d, d) * t;
}


rc::Gen<Sample> with_matrix(rc::Gen<Sample> g, const std::string& name, gen::Kind kind) {
  return rc::gen::mapcat(std::move(g), [name, kind](const Sample& s) {
    const int d = int(s.family("H").at(0).rows());
    return rc::gen::map(gen::matrix(kind, d), [s, name](const MatQ& a) {
      Sample out = s;
      out.mats[name] = a;
      return out;
    });
  });
}

Family model_family(const std::string& name, const Base& b, Finish finish, const std::string& note) {
  return {.name = name, .description = describe(b) + note, .gen = model_gen(b, std::move(finish))};
}

std::vector<Family> per_kind(const std::vector<std::string>& kinds, Base shape, const Finish& finish, const std::string& note) {
  std::vector<Family> f;
  for (const auto& kind : kinds) {
    shape.hkind = kind;
    f.push_back(model_family(kind, shape, finish, note));
  }
  return f;
}

std::vector<Family> with_matrix(std::vector<Family> fs, const std::string& name, gen::Kind kind) {
  for (auto& f : fs) f.gen = with_matrix(std::move(f.gen), name, kind);
  return fs;
}

std::vector<Family> sam_sgd_pair(const std::string& name, Base b, const std::vector<Rat>& sam_c_units, const Finish& finish,
                                 const std::string& suffix) {
  std::vector<Family> f;
  for (bool sgd : {false, true}) {
    b.c_units = sgd ? std::vector<Rat>{Rat(0)} : sam_c_units;
    f.push_back(model_family(name + (sgd ? ".sgd" : ""), b, finish, suffix));
  }
  return f;
}

std::vector<Family> sam_and_sgd(const std::vector<std::string>& kinds, Base shape, const std::vector<Rat>& sam_c_units,
                                const Finish& finish, const std::string& suffix) {
  std::vector<Family> f;
  for (const auto& kind : kinds) {
    shape.hkind = kind;
    for (Family& g : sam_sgd_pair(kind, shape, sam_c_units, finish, suffix)) f.push_back(std::move(g));
  }
  return f;
}

Scaling h_scaling(bool step) {
  return {.text = step ? "H_i -> s H_i, eta -> eta/s, c -> c/s" : "H_i -> s H_i", .apply = [step](const Sample& in, const Rat& t) {
            Sample s = in;
            for (auto& h : s.families.at("H")) h *= t;
            if (step)
              for (const char* k : {"eta", "c"})
                if (auto it = s.scalars.find(k); it != s.scalars.end()) it->second /= t;
            return s;
          }};
}

std::string describe(const Base& b) {
  std::string out = b.hkind + ", n " + std::to_string(b.n_lo) + ".." + std::to_string(b.n_hi) + ", d " +
                    std::to_string(b.d_lo) + ".." + std::to_string(b.d_hi);
  switch (b.brule) {
    case BRule::Any: out += ", integer B in [1,n]"; break;
    case BRule::LessN: out += ", integer B in [1,n-1]"; break;
    case BRule::EqualN: out += ", B = n"; break;
    case BRule::SquareRatio: out += ", (n,B) with n/B-1 a square"; break;
  }
  out += ", c*lmax(H) in {";
  for (size_t i = 0; i < b.c_units.size(); ++i) out += (i ? "," : "") + rat_str(b.c_units[i]);
  out += "}";
  if (b.scales.size() > 1 || b.scales[0] != 0) {
    out += ", H scaled by 10^{";
    for (size_t i = 0; i < b.scales.size(); ++i) out += (i ? "," : "") + std::to_string(b.scales[i]);
    out += "}";
  }
  if (b.k_hi > 0) out += ", k " + std::to_string(b.k_lo) + ".." + std::to_string(b.k_hi);
  return out;
}

}  // namespace stabcheck::stab
