// stabcheck prove: exact tracial SOHS certificates (prove/, README "Proofs (stabcheck prove)").
// True classical trace inequalities are proved (and every certificate re-checked from its text), false ones never;
// certificates round-trip; the exact checker (prove/certificate.cpp) rejects tampered and malformed files.
#include "prove/certificate.hpp"
#include "prove/fragment.hpp"
#include "prove/prove.hpp"
#include "prove/words.hpp"
#include "fuzz/ast.hpp"
#include "core/linalg.hpp"
#include "tests/files.hpp"
#include <Eigen/Dense>
#include <functional>
#include <gtest/gtest.h>
#include <cstdio>
#include <map>
#include <random>
#include <fstream>
#include <string>

namespace stabcheck::prove_tests {
namespace {

using stabcheck::prove::ProveResult;
using nlohmann::json;
namespace cert = stabcheck::prove::cert;

ProveResult run(const std::string& bound, const std::string& where, int degree = -1) {
  stabcheck::prove::ProveOptions o;
  o.max_degree = degree;
  return stabcheck::prove::prove(bound, where, o);
}

struct Case {
  const char* bound;
  const char* where;
};

// True for all real matrices of every dimension.
const Case kTrue[] = {
    {"tr(A*A) >= 0", "A: sym"},
    {"tr(X*X') >= 0", "X: general"},
    {"tr(A*B) >= 0", "A: psd, B: psd"},
    {"tr((A*B - B*A)*(A*B - B*A)') >= 0", "A: sym, B: sym"},
    {"tr(A*B*A*B) <= tr(A*A*B*B)", "A: sym, B: sym"},
    {"2*tr(A*B) <= tr(A*A) + tr(B*B)", "A: sym, B: sym"},
    {"tr(A*B*C) == tr(C*A*B)", "A: general, B: general, C: general"},
    {"tr(A*B*C) == tr(C'*B'*A')", "A: general, B: general, C: general"},
    {"tr(A*B*A) >= 0", "A: sym, B: psd"},
    {"tr(A^4) >= 0", "A: sym"},
    {"tr(A^3) >= 0", "A: psd"},
    {"tr(A*B*A*B) >= 0", "A: psd, B: psd"},
    {"tr((A + B)^2) <= 2*tr(A^2) + 2*tr(B^2)", "A: sym, B: sym"},
    {"tr(X'*X) >= tr(X*X)", "X: general"},
    {"t*tr(A*A) >= 0", "A: sym, t: scalar in [0, 1]"},
    {"tr(A*A) >= t*tr(A*A)", "A: sym, t: scalar in [0, 1]"},
    {"tr(A*B) <= lmax(A)*tr(B)", "A: sym, B: psd"},
    {"tr(A*B) >= lmin(A)*tr(B)", "A: sym, B: psd"},
    {"tr(A) <= d*lmax(A)", "A: sym"},
    {"tr(A^2) <= lmax(A)*tr(A)", "A: psd"},
    {"fro(A*B - B*A)^2 >= 0", "A: general, B: general"},
    {"tr(A*B*A*B) >= 0", "A: psd, B: sym"},
    {"2*tr(A'*B) <= tr(A'*A) + tr(B'*B)", "A: general, B: general"},
    {"tr(A*B) <= op(A)*tr(B)", "A: general, B: psd"},
    {"t*(1 - t)*tr(A*A) >= 0", "A: sym, t: scalar in [0, 1]"},
    {"tr(A) >= d*lmin(A)", "A: sym"},
    {"tr(A^3) <= lmax(A)*tr(A^2)", "A: psd"},
    {"tr(A*B) == tr(B*A)", "A: psd, B: psd"},
    {"tr((A*B*C - C*B*A)*(A*B*C - C*B*A)') >= 0", "A: sym, B: sym, C: sym"},
    {"tr((A*B)^2) <= lmax(A)^2*tr(B^2)", "A: psd, B: psd"},  // A substituted, B localized
};

// False (a counterexample exists in some dimension): never proved.
const Case kFalse[] = {
    {"tr(A*B*A*B) >= 0", "A: sym, B: sym"},
    {"tr(A*B) >= 0", "A: sym, B: sym"},
    {"tr(A*B*C) == tr(B*A*C)", "A: general, B: general, C: general"},
    {"tr(A*B*C) >= 0", "A: psd, B: psd, C: psd"},
    {"tr(A*B) <= lmax(A)*tr(B)", "A: sym, B: sym"},
    {"tr(A) <= lmax(A)", "A: psd"},
    {"tr(A*A) >= tr(A)", "A: psd"},
    {"2*tr(A*B) <= tr(A*A) + tr(B*B)", "A: general, B: general"},
    {"tr(X*X) >= 0", "X: general"},
    {"tr(A*B) >= 0", "A: psd, B: sym"},
    {"tr(A*B*A*B) >= tr(A*A*B*B)", "A: sym, B: sym"},
    {"t*tr(A*A) >= 0", "A: sym, t: scalar in [-1, 1]"},
    {"tr(A*B) <= lmin(A)*tr(B)", "A: sym, B: psd"},
    {"tr(A*A) <= 0", "A: sym"},
    {"tr(A^3) >= 0", "A: sym"},
};

TEST(Prove, ClassicalTrueInequalitiesAreProvedAndRechecked) {
  for (const Case& c : kTrue) {
    ProveResult r = run(c.bound, c.where);
    EXPECT_EQ(r.status, ProveResult::Status::Proved) << c.bound << " where " << c.where << ": " << r.message << r.detail;
    if (r.status != ProveResult::Status::Proved) continue;
    // the written text is accepted by the checker alone and by the bound-aware check
    std::string text = r.certificate.dump(1);
    cert::Result cr = cert::check_text(text);
    EXPECT_TRUE(cr.valid) << c.bound << ": " << cr.reason;
    EXPECT_TRUE(stabcheck::prove::check_certificate(json::parse(text)).valid) << c.bound;
  }
}

TEST(Prove, FalseInequalitiesAreNeverProved) {
  for (const Case& c : kFalse) {
    ProveResult r = run(c.bound, c.where);
    EXPECT_EQ(r.status, ProveResult::Status::NotProved) << c.bound << " where " << c.where << ": " << r.message;
    EXPECT_EQ(r.message.rfind("not proved at degree", 0), 0u) << r.message;
  }
}

TEST(Prove, HigherDegreesAreTriedAndReported) {
  ProveResult r = run("tr(A*B) >= 0", "A: sym, B: sym", 4);
  EXPECT_EQ(r.status, ProveResult::Status::NotProved);
  EXPECT_EQ(r.message, "not proved at degree 2, 4");
}

// tests/bounds/outside_fragment.txt: `bound | where | part of the message`, also run through the command line by
// tests/bounds_cli.py.
TEST(Prove, OutsideTheFragmentNamesTheAtom) {
  const auto cases = test::read_cases("tests/bounds/outside_fragment.txt", 3);
  ASSERT_GE(cases.size(), 9u);
  for (const auto& c : cases) {
    const std::string &bound = c[0], &where = c[1], &says = c[2];
    ProveResult r = run(bound, where);
    EXPECT_EQ(r.status, ProveResult::Status::Outside) << bound;
    EXPECT_EQ(r.message.rfind("outside the fragment: ", 0), 0u) << r.message;
    EXPECT_NE(r.message.find(says), std::string::npos) << r.message;
    EXPECT_EQ(r.message.find('\n'), std::string::npos) << r.message;
  }
}

TEST(Prove, BadInputThrowsParseError) {
  EXPECT_THROW(run("tr(A*B >= 0", "A: sym, B: sym"), std::invalid_argument);
  EXPECT_THROW(run("tr(A*Q) >= 0", "A: sym"), std::invalid_argument);
}

TEST(Prove, CertificateRoundTripThroughAFile) {
  ProveResult r = run("tr(A*B*A*B) <= tr(A*A*B*B)", "A: sym, B: sym");
  ASSERT_EQ(r.status, ProveResult::Status::Proved) << r.message << r.detail;
  std::string path = testing::TempDir() + "/stabcheck-cert-roundtrip.json";
  {
    std::ofstream out(path);
    out << r.certificate.dump(2) << "\n";
  }
  cert::Result a = cert::check_file(path);
  EXPECT_TRUE(a.valid) << a.reason;
  cert::Result b = stabcheck::prove::check_certificate_file(path);
  EXPECT_TRUE(b.valid) << b.reason;
  EXPECT_EQ(json::parse(std::ifstream(path)), r.certificate);
  std::remove(path.c_str());
}

TEST(Prove, TamperedCertificatesAreRejected) {
  ProveResult r = run("2*tr(A*B) <= tr(A*A) + tr(B*B)", "A: sym, B: sym");
  ASSERT_EQ(r.status, ProveResult::Status::Proved) << r.message << r.detail;
  const json good = r.certificate;
  ASSERT_TRUE(cert::check(good).valid);
  // The certificate with one change, its 'target' dropped where the change is to the bound itself.
  auto tampered = [&good](const std::function<void(json&)>& change) {
    json j = good;
    change(j);
    return j;
  };
  auto gram01 = [](json& j, const char* v) {  // the first block's Gram entries (0,1) and (1,0)
    j["blocks"][0]["gram"][0][1] = v;
    j["blocks"][0]["gram"][1][0] = v;
  };
  {  // one Gram entry changed (symmetrically): the expansion no longer matches
    const cert::Result c = cert::check(tampered([&](json& j) { gram01(j, "-2"); }));
    EXPECT_FALSE(c.valid);
    EXPECT_NE(c.reason.find("do not expand"), std::string::npos) << c.reason;
  }
  // one coefficient of the bound changed: 3*tr(A*B) <= ... is false
  EXPECT_FALSE(cert::check(tampered([](json& j) {
                 for (auto& t : j["lhs"]) t["coef"] = "3";
                 j.erase("target");
               })).valid);
  {  // a Gram matrix that expands correctly but is not PSD: diag(1, 1) with off-diagonal -1 scaled up
    const json j = tampered([&](json& j) {
      j["lhs"] = json::array({{{"coef", "4"}, {"scalars", json::object()}, {"trace", {"A", "B"}}}});
      j.erase("target");
      gram01(j, "-2");
    });
    const cert::Result c = cert::check(j);
    EXPECT_FALSE(c.valid);
    EXPECT_NE(c.reason.find("not positive semidefinite"), std::string::npos) << c.reason;
    // ... and the bound-aware check also sees that the sides are not those of the bound
    EXPECT_FALSE(stabcheck::prove::check_certificate(j).valid);
  }
  // the relation flipped
  EXPECT_FALSE(cert::check(tampered([](json& j) {
                 j["relation"] = ">=";
                 j.erase("target");
               })).valid);
  // a non-symmetric Gram matrix
  EXPECT_FALSE(cert::check(tampered([](json& j) { j["blocks"][0]["gram"][0][1] = "0"; })).valid);
}

TEST(Prove, MalformedCertificatesGiveOneLineErrors) {
  ProveResult r = run("tr(A*A) >= 0", "A: sym");
  ASSERT_EQ(r.status, ProveResult::Status::Proved);
  auto one_line = [](const std::string& text, const std::string& says) {
    try {
      cert::check_text(text);
      ADD_FAILURE() << "accepted: " << text.substr(0, 80);
    } catch (const cert::FormatError& e) {
      std::string m = e.what();
      EXPECT_EQ(m.find('\n'), std::string::npos) << m;
      EXPECT_NE(m.find(says), std::string::npos) << m;
    }
  };
  one_line("this is not json", "not JSON");
  one_line("[1, 2]", "expected a JSON object");
  json j = r.certificate;
  j.erase("blocks");
  one_line(j.dump(), "missing field 'blocks'");
  j = r.certificate;
  j["blocks"][0]["gram"][0][0] = 0.5;
  one_line(j.dump(), "expected a rational");
  j["blocks"][0]["gram"][0][0] = "1/0";
  one_line(j.dump(), "expected a rational");
  j["blocks"][0]["gram"][0][0] = "abc";
  one_line(j.dump(), "blocks[0].gram[0][0]");
  j = r.certificate;
  j["blocks"][0]["basis"][0]["word"] = {"Z"};
  one_line(j.dump(), "unknown letter");
  j = r.certificate;
  j["format"] = "something else";
  one_line(j.dump(), "format");
  EXPECT_THROW(cert::check_file("/nonexistent/certificate.json"), cert::FormatError);
}

// The checker alone on a certificate written by hand from the documented format:
// tr(A*B) <= lmax(A)*tr(B) for A sym, B psd, since lmax(A) tr(B) - tr(A B) = tr(F' (lmax(A) I - A) F) with B = F F'.
TEST(Prove, CheckerAcceptsAHandWrittenCertificate) {
  const char* text = R"json({
    "format": "stabcheck-trace-sohs-certificate", "version": 1,
    "bound": "tr(A*B) <= lmax(A)*tr(B)", "where": "A: sym, B: psd", "relation": "<=",
    "matrices": [ {"name": "A", "kind": "sym"}, {"name": "B", "kind": "psd", "factor": "F"} ],
    "scalars": [ {"name": "l", "kind": "lmax", "of": [ {"coef": "1", "word": ["A"]} ]} ],
    "lhs": [ {"coef": "1", "trace": ["A", "B"]} ],
    "rhs": [ {"coef": "1", "scalars": {"l": 1}, "trace": ["B"]} ],
    "blocks": [ {"traced": true, "scalar_factor": [], "matrix_factor": "l",
                 "basis": [ {"word": ["F"]} ], "gram": [["1"]]} ]
  })json";
  cert::Result r = cert::check_text(text);
  EXPECT_TRUE(r.valid) << r.reason;
  // 2 tr(F' (l - A) F) is as good; 1/2 of it is not (the sides differ)
  json j = json::parse(text);
  j["blocks"][0]["gram"][0][0] = "1/2";
  EXPECT_FALSE(cert::check(j).valid);
  // the same Gram block does not prove tr(A*B) <= lmin(A)*tr(B): the hypothesis is A - l I >= 0 then
  j = json::parse(text);
  j["scalars"][0]["kind"] = "lmin";
  EXPECT_FALSE(cert::check(j).valid);
  // an identity by cyclic equivalence and transposition alone
  const char* id = R"json({"format": "stabcheck-trace-sohs-certificate", "version": 1, "bound": "b", "relation": "==",
    "matrices": [ {"name": "X", "kind": "general"}, {"name": "Y", "kind": "general"} ], "scalars": [],
    "lhs": [ {"coef": "1", "trace": ["X", "Y", "Y"]} ], "rhs": [ {"coef": "1", "trace": ["Y'", "Y'", "X'"]} ],
    "blocks": []})json";
  EXPECT_TRUE(cert::check_text(id).valid);
  json k = json::parse(id);
  k["rhs"][0]["trace"] = {"Y", "X'", "Y"};
  EXPECT_FALSE(cert::check(k).valid);
}

// The translation is the one step the checker takes on trust (lhs/rhs in the file): compare it numerically with a
// direct double evaluation of the parsed bound on random matrices of dimensions 1..4.
using Mat = Eigen::MatrixXd;
struct Env {
  std::map<std::string, Mat> m;
  std::map<std::string, double> s;
  int d = 1;
};
struct NV {
  bool matrix = false;
  Mat M;
  double x = 0;
};
double op_of(const Mat& M) { return stabcheck::svals(M).front(); }

NV direct(const stabcheck::fuzz::Node& n, const Env& e) {
  using stabcheck::fuzz::Op;
  auto k = [&](size_t i) { return direct(*n.kids[i], e); };
  NV r;
  switch (n.op) {
    case Op::Num: r.x = n.q.convert_to<double>(); return r;
    case Op::Ident: r.matrix = true; r.M = Mat::Identity(e.d, e.d); return r;
    case Op::Var:
      if (e.m.count(n.name)) { r.matrix = true; r.M = e.m.at(n.name); }
      else if (e.s.count(n.name)) r.x = e.s.at(n.name);
      else r.x = e.d;
      return r;
    case Op::Neg: r = k(0); r.M = -r.M; r.x = -r.x; return r;
    case Op::Add: case Op::Sub: {
      NV a = k(0), b = k(1);
      double sg = n.op == Op::Add ? 1 : -1;
      if (a.matrix) { a.M += sg * b.M; return a; }
      a.x += sg * b.x;
      return a;
    }
    case Op::Mul: {
      NV a = k(0), b = k(1);
      if (a.matrix && b.matrix) { a.M = a.M * b.M; return a; }
      if (a.matrix) { a.M *= b.x; return a; }
      if (b.matrix) { b.M *= a.x; return b; }
      a.x *= b.x;
      return a;
    }
    case Op::Div: { NV a = k(0), b = k(1); a.M /= b.x; a.x /= b.x; return a; }
    case Op::Transpose: { NV a = k(0); if (a.matrix) a.M = Mat(a.M.transpose()); return a; }
    case Op::Pow: {
      NV a = k(0);
      long p = n.q.convert_to<long>();
      NV out = a;
      if (a.matrix) out.M = Mat::Identity(e.d, e.d); else out.x = 1;
      for (long i = 0; i < p; ++i) { if (a.matrix) out.M = out.M * a.M; else out.x *= a.x; }
      return out;
    }
    case Op::Call: {
      NV a = k(0);
      if (n.name == "tr") r.x = a.M.trace();
      else if (n.name == "transpose") { a.M = Mat(a.M.transpose()); return a; }
      else if (n.name == "lmax") r.x = stabcheck::lmax(a.M);
      else if (n.name == "lmin") r.x = stabcheck::lmin(a.M);
      else if (n.name == "op") r.x = op_of(a.M);
      else if (n.name == "fro") r.x = a.M.norm();
      else ADD_FAILURE() << "no direct evaluation of " << n.name;
      return r;
    }
    default: ADD_FAILURE() << "no direct evaluation of " << stabcheck::fuzz::to_string(n); return r;
  }
}

Mat nc_value(const stabcheck::prove::Fragment& f, const stabcheck::prove::NcPoly& p, const Env& e, const std::vector<double>& sc) {
  Mat S = Mat::Zero(e.d, e.d);
  for (const auto& [k, c] : p.t) {
    Mat W = Mat::Identity(e.d, e.d);
    for (char x : k.second) {
      const auto& l = f.alpha.letters[size_t((unsigned char)x) >> 1];
      W = W * ((x & 1) ? Mat(e.m.at(l.name).transpose()) : e.m.at(l.name));
    }
    double m = c.get_d();
    for (char s : k.first) m *= sc[size_t(s)];
    S += m * W;
  }
  return S;
}

double trace_value(const stabcheck::prove::Fragment& f, const stabcheck::prove::TracePoly& p, const Env& e, const std::vector<double>& sc) {
  double v = 0;
  for (const auto& [k, c] : p.t) {
    double m = c.get_d();
    for (char s : k.m) m *= sc[size_t(s)];
    if (k.traced) {
      stabcheck::prove::NcPoly w;
      w.add("", k.w, 1);
      m *= nc_value(f, w, e, sc).trace();
    }
    v += m;
  }
  return v;
}

TEST(Prove, TranslationAgreesWithDirectEvaluation) {
  std::mt19937 rng(7);
  std::normal_distribution<double> g(0, 1);
  std::vector<Case> all(std::begin(kTrue), std::end(kTrue));
  all.insert(all.end(), std::begin(kFalse), std::end(kFalse));
  for (size_t ci = 0; ci < all.size(); ++ci) {
    const Case& c = all[ci];
    bool known_true = ci < std::size(kTrue);
    stabcheck::fuzz::Bound b = stabcheck::fuzz::parse_bound(c.bound, c.where);
    auto tr = stabcheck::prove::translate(b);
    ASSERT_TRUE(tr.fragment) << c.bound << ": " << tr.outside;
    const auto& f = *tr.fragment;
    for (int trial = 0; trial < 8; ++trial) {
      Env e;
      e.d = 1 + trial % 4;
      std::uniform_real_distribution<double> u(0, 1);
      for (const auto& dcl : b.decls) {
        if (!dcl.is_matrix()) {
          double lo = dcl.lo.convert_to<double>(), hi = dcl.hi.convert_to<double>();
          e.s[dcl.name] = lo + (hi - lo) * u(rng);
          continue;
        }
        Mat G(e.d, e.d);
        for (int i = 0; i < e.d; ++i)
          for (int j = 0; j < e.d; ++j) G(i, j) = g(rng);
        if (dcl.psd()) e.m[dcl.name] = G * G.transpose();
        else if (dcl.symmetric()) e.m[dcl.name] = G + G.transpose();
        else e.m[dcl.name] = G;
      }
      std::vector<double> sc;
      for (const auto& s : f.scalars) {
        using K = stabcheck::prove::ScalarVar::Kind;
        if (s.kind == K::Param) sc.push_back(e.s.at(s.name));
        else {
          Mat P = nc_value(f, s.of, e, sc);
          sc.push_back(s.kind == K::Lmax ? stabcheck::lmax(P) : s.kind == K::Lmin ? stabcheck::lmin(P) : op_of(P));
        }
      }
      double l1 = direct(*b.lhs, e).x, r1 = direct(*b.rhs, e).x;
      double l2 = trace_value(f, f.lhs, e, sc), r2 = trace_value(f, f.rhs, e, sc);
      double scale = 1 + std::abs(l1) + std::abs(r1);
      EXPECT_NEAR(l1, l2, 1e-9 * scale) << c.bound << " lhs, d = " << e.d;
      EXPECT_NEAR(r1, r2, 1e-9 * scale) << c.bound << " rhs, d = " << e.d;
      if (known_true) {
        if (f.rel == stabcheck::prove::Rel::Le) {
          EXPECT_LE(l1, r1 + 1e-9 * scale) << c.bound;
        } else if (f.rel == stabcheck::prove::Rel::Ge) {
          EXPECT_GE(l1, r1 - 1e-9 * scale) << c.bound;
        } else {
          EXPECT_NEAR(l1, r1, 1e-9 * scale) << c.bound;
        }
      }
    }
  }
}

TEST(Prove, CyclicCanonicalForm) {
  stabcheck::prove::Alphabet a;
  int x = a.add_letter("X", false), s = a.add_letter("S", true);
  using W = stabcheck::prove::Word;
  W xy{a.code(x), a.code(s), a.code(s)};
  W rot{a.code(s), a.code(x), a.code(s)};
  W tr{a.code(s), a.code(s), a.code(x, true)};
  EXPECT_EQ(a.canonical(xy), a.canonical(rot));
  EXPECT_EQ(a.canonical(xy), a.canonical(tr));
  W other{a.code(x), a.code(x), a.code(s)};
  EXPECT_NE(a.canonical(xy), a.canonical(other));
  EXPECT_EQ(a.transpose(a.transpose(other)), other);
}

}  // namespace
}  // namespace stabcheck::prove_tests
