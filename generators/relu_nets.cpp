#include "generators/relu_nets.hpp"
#include "generators/matrices.hpp"
#include "core/knobs.hpp"
#include <sstream>

namespace stabcheck::relu {

VecQ pm1_point(int d, long idx) {
  VecQ x(d);
  for (int q = 0; q < d; ++q) x(q) = ((idx >> q) & 1) ? Rat(-1) : Rat(1);
  return x;
}

MatQ all_points(int d) {
  const long N = 1L << d;
  MatQ X(N, d);
  for (long i = 0; i < N; ++i) X.row(i) = pm1_point(d, i).transpose();
  return X;
}

// ---------------------------------------------------------------- r
std::string RSpec::str() const {
  return mode == 0 ? "r^2 = " + rat_str(q) : "r^4 = " + rat_str(q);
}

void put_r(Sample& s, const RSpec& r) {
  s.ints["r_mode"] = r.mode;
  s.scalars[r.mode == 0 ? "r2" : "r4"] = r.q;
}

RSpec get_r(const Sample& s) {
  RSpec r;
  r.mode = int(s.integer("r_mode"));
  r.q = s.scalar(r.mode == 0 ? "r2" : "r4");
  if (r.q <= 0) throw std::invalid_argument("r must be positive");
  return r;
}

static bool int_sqrt(const Int& a, Int& out) {
  if (a < 0) return false;
  Int s = boost::multiprecision::sqrt(a);
  if (s * s != a) return false;
  out = s;
  return true;
}

bool rat_sqrt(const Rat& q, Rat& out) {
  Int n, d;
  if (!int_sqrt(Int(numerator(q)), n) || !int_sqrt(Int(denominator(q)), d)) return false;
  out = Rat(n, d);
  return true;
}

bool r2_rational(const RSpec& r, Rat& out) {
  if (r.mode == 0) { out = r.q; return true; }
  return rat_sqrt(r.q, out);
}

bool r_rational(const RSpec& r, Rat& out) {
  Rat r2;
  if (!r2_rational(r, r2)) return false;
  return rat_sqrt(r2, out);
}

rc::Gen<RSpec> r_gen(int d) {
  // shrinks toward the first entry (r = 1)
  std::vector<RSpec> v = {{0, Rat(1)}, {0, Rat(4)}, {0, Rat(1, 4)}, {0, Rat(9, 4)}, {0, Rat(4, 9)},
                          {0, Rat(2)}, {0, Rat(3)}, {0, Rat(1, 2)}, {1, Rat(d + 1)}};
  // the table index is a shape knob; r^2 is a continuous one in [1/16, 16] (the construction is defined for every
  // r > 0, and an irrational r is already in the table); r^4 = d + 1 is the paper's choice and stays fixed
  return rc::gen::map(gen::shape(0, int(v.size()) - 1), [v](int i) {
    RSpec r = v[size_t(i)];
    if (r.mode == 0) r.q = knobs::scalar("r^2", Rat(1, 16), Rat(16), r.q);
    return r;
  });
}

// ---------------------------------------------------------------- printed example
PrintedExample printed_example() {
  PrintedExample p;
  // OCR of §C.1 (seed/000_14578cebcffb03e4.txt lines 155-164 and 166-176): row 6 of W1 reads "1 1 -10 0",
  // entry 6 of W2 reads "1"; b is unreadable ("OO[\')[\JN)[\JN)[\JM[\.'')I").
  const int w1[10][5] = {{1, 1, 1, 0, 0},   {-1, 1, 1, 0, 0},  {1, -1, 1, 0, 0}, {-1, -1, 1, 0, 0}, {1, 1, -1, 0, 0},
                         {1, 1, -1, 0, 0},  {1, -1, -1, 0, 0}, {-1, -1, -1, 0, 0}, {0, 0, 0, 0, 0},  {0, 0, 0, 0, 0}};
  const int w2[10] = {1, -1, -1, 1, 1, 1, -1, 1, 0, 0};
  p.W1 = MatQ(10, 5);
  p.W2 = VecQ(10);
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 5; ++j) p.W1(i, j) = w1[i][j];
    p.W2(i) = w2[i];
  }
  p.b_ocr = "OO[\\')[\\JN)[\\JN)[\\JM[\\.'')I (unreadable)";
  return p;
}

std::string Mismatch::str() const {
  std::ostringstream os;
  os << what << "[" << row;
  if (col > 0) os << "," << col;
  os << "]: printed " << rat_str(printed) << ", construction " << rat_str(constructed);
  return os.str();
}

std::vector<Mismatch> compare_printed(W2Sign sign, W2Mag mag) {
  PrintedExample p = printed_example();
  Net<Rat> c = cr_net<Rat>(p.d, p.C, p.m, Rat(1), sign, mag);
  std::vector<Mismatch> out;
  for (int i = 0; i < p.m; ++i)
    for (int j = 0; j < p.d; ++j)
      if (p.W1(i, j) != c.W1(i, j)) out.push_back({"W1", i + 1, j + 1, p.W1(i, j), c.W1(i, j)});
  for (int i = 0; i < p.m; ++i)
    if (p.W2(i) != c.W2(i)) out.push_back({"W2", i + 1, 0, p.W2(i), c.W2(i)});
  return out;
}

// ---------------------------------------------------------------- nets in samples
void put_net(Sample& s, const Net<Rat>& n) {
  s.mats["W1"] = n.W1;
  s.mats["b"] = n.b;
  s.mats["W2"] = n.W2;
}

Net<Rat> get_net(const Sample& s) {
  Net<Rat> n;
  n.W1 = s.mat("W1");
  n.b = s.mat("b").col(0);
  n.W2 = s.mat("W2").col(0);
  return n;
}

rc::Gen<MatQ> points(int n, int d) {
  return rc::gen::map(rc::gen::container<std::vector<int>>(size_t(n * d), rc::gen::inRange(0, 2)), [n, d](const std::vector<int>& v) {
    MatQ X(n, d);
    for (int i = 0; i < n; ++i)
      for (int q = 0; q < d; ++q) X(i, q) = v[size_t(i * d + q)] ? Rat(-1) : Rat(1);
    return X;
  });
}

rc::Gen<MatQ> distinct_points(int n, int d) {
  const long N = 1L << d;
  if (n > N) throw std::invalid_argument("distinct_points: n > 2^d");
  return rc::gen::map(rc::gen::container<std::vector<long>>(size_t(n), rc::gen::inRange<long>(0, N)), [n, d, N](const std::vector<long>& v) {
    std::vector<char> used(size_t(N), 0);
    MatQ X(n, d);
    for (int i = 0; i < n; ++i) {
      long idx = v[size_t(i)];
      while (used[size_t(idx)]) idx = (idx + 1) % N;  // resolve collisions deterministically
      used[size_t(idx)] = 1;
      X.row(i) = pm1_point(d, idx).transpose();
    }
    return X;
  });
}

namespace {
struct OwnerUnit { int t, u, w2; };
}

rc::Gen<Net<Rat>> memorizing_net(const MatQ& X) {
  const int n = int(X.rows()), d = int(X.cols());
  auto owner = rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, 3), rc::gen::inRange(0, 2), gen::small_int(2)),
                            [](const std::tuple<int, int, int>& t) { return OwnerUnit{std::get<0>(t), std::get<1>(t), std::get<2>(t)}; });
  auto per_sample = rc::gen::mapcat(rc::gen::inRange(1, 3), [owner](int k) { return rc::gen::container<std::vector<OwnerUnit>>(size_t(k), owner); });
  auto owned = rc::gen::container<std::vector<std::vector<OwnerUnit>>>(size_t(n), per_sample);
  auto dead = rc::gen::mapcat(rc::gen::inRange(0, 3), [d](int k) {
    return rc::gen::container<std::vector<std::pair<MatQ, int>>>(size_t(k), rc::gen::pair(gen::int_matrix(1, d, 2), gen::small_int(2)));
  });
  return rc::gen::map(rc::gen::pair(owned, dead), [X, n, d](const std::pair<std::vector<std::vector<OwnerUnit>>, std::vector<std::pair<MatQ, int>>>& p) {
    int m = int(p.second.size());
    for (const auto& v : p.first) m += int(v.size());
    Net<Rat> net{MatQ::Zero(m, d), VecQ::Zero(m), VecQ::Zero(m)};
    int j = 0;
    for (int i = 0; i < n; ++i)
      for (const auto& o : p.first[size_t(i)]) {
        int u = o.u % o.t;  // 0 <= u < t
        net.W1.row(j) = Rat(o.t) * X.row(i);
        net.b(j) = Rat(-o.t * (d - 1) - u);
        net.W2(j) = o.w2;
        ++j;
      }
    for (const auto& dd : p.second) {  // dead unit: W1 . x + b <= ||W1||_1 + b < 0
      Rat l1 = 0;
      for (int q = 0; q < d; ++q) { net.W1(j, q) = dd.first(0, q); l1 += abs(dd.first(0, q)); }
      net.b(j) = -l1 - 1;
      net.W2(j) = dd.second;
      ++j;
    }
    return net;
  });
}

rc::Gen<Net<Rat>> memorizing_net_paper(const MatQ& X) {
  const int n = int(X.rows()), d = int(X.cols());
  const std::vector<Rat> fr = {Rat(1, 2), Rat(1, 3), Rat(2, 3), Rat(1, 4), Rat(3, 4)};
  auto unit = rc::gen::pair(rc::gen::inRange(0, int(fr.size())), gen::small_int(2));
  return rc::gen::map(rc::gen::container<std::vector<std::pair<int, int>>>(size_t(n), unit), [X, n, d, fr](const std::vector<std::pair<int, int>>& v) {
    Net<Rat> net{MatQ::Zero(n, d), VecQ::Zero(n), VecQ::Zero(n)};
    for (int i = 0; i < n; ++i) {
      net.W1.row(i) = X.row(i);
      net.b(i) = Rat(-(d - 1)) + fr[size_t(v[size_t(i)].first)];  // in (-(d-1), -(d-2))
      net.W2(i) = v[size_t(i)].second;
    }
    return net;
  });
}

rc::Gen<Net<Rat>> small_int_net(int m, int d) {
  return rc::gen::map(rc::gen::tuple(gen::int_matrix(m, d, 2), gen::int_matrix(m, 1, 2), gen::int_matrix(m, 1, 2)),
                      [m, d](const std::tuple<MatQ, MatQ, MatQ>& t) {
                        Net<Rat> net{std::get<0>(t), std::get<1>(t).col(0), std::get<2>(t).col(0)};
                        for (int j = 0; j < m; ++j) {
                          // W1 . x = sum_l W1_jl (mod 2) for x in {-1,1}^d: make z = W1.x + b odd
                          Int par = 0;
                          for (int l = 0; l < d; ++l) par += Int(numerator(net.W1(j, l)));
                          Int b = Int(numerator(net.b(j)));
                          if (((par + b) % 2) == 0) b += (b >= 0 ? 1 : -1);
                          net.b(j) = Rat(b);
                        }
                        return net;
                      });
}

static MatQ without_row(const MatQ& a, Index r) {
  MatQ o(a.rows() - 1, a.cols());
  for (Index i = 0, k = 0; i < a.rows(); ++i)
    if (i != r) o.row(k++) = a.row(i);
  return o;
}

std::vector<Sample> drop_row(const Sample& s, const std::string& key, long min_rows) {
  std::vector<Sample> out;
  auto it = s.mats.find(key);
  if (it == s.mats.end() || it->second.rows() <= min_rows) return out;
  for (Index r = 0; r < it->second.rows(); ++r) {
    Sample t = s;
    t.mats[key] = without_row(it->second, r);
    auto y = s.mats.find("y");
    if (y != s.mats.end() && y->second.rows() == it->second.rows()) t.mats["y"] = without_row(y->second, r);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Sample> drop_unit(const Sample& s, long min_units) {
  std::vector<Sample> out;
  if (!s.mats.count("W1") || s.mat("W1").rows() <= min_units) return out;
  Net<Rat> n = get_net(s);
  for (Index j = 0; j < n.m(); ++j) {
    Net<Rat> k{without_row(n.W1, j), VecQ(without_row(MatQ(n.b), j).col(0)), VecQ(without_row(MatQ(n.W2), j).col(0))};
    Sample t = s;
    put_net(t, k);
    if (s.mats.count("y") && s.mats.count("X")) t.mats["y"] = outputs(k, s.mat("X"));
    out.push_back(std::move(t));
  }
  return out;
}

VecQ outputs(const Net<Rat>& n, const MatQ& X) {
  VecQ y(X.rows());
  for (Index i = 0; i < X.rows(); ++i) y(i) = output(n, VecQ(X.row(i).transpose()));
  return y;
}

std::vector<std::vector<Index>> active_sets(const Net<Rat>& n, const MatQ& X) {
  std::vector<std::vector<Index>> out;
  for (Index i = 0; i < X.rows(); ++i) {
    Point<Rat> p = evaluate(n, VecQ(X.row(i).transpose()));
    std::vector<Index> a;
    for (Index j = 0; j < n.m(); ++j) if (p.act[size_t(j)] == Act::On) a.push_back(j);
    out.push_back(a);
  }
  return out;
}

std::function<std::vector<Sample>(const Sample&)> drops(long min_rows, long min_units) {
  return [min_rows, min_units](const Sample& s) {
    std::vector<Sample> out = drop_row(s, "X", min_rows);
    if (min_units > 0)
      for (auto& t : drop_unit(s, min_units)) out.push_back(std::move(t));
    return out;
  };
}

}  // namespace stabcheck::relu
