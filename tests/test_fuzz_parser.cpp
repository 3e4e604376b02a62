// The bound language: errors name the column, what was expected and what was found; unknown names,
// dimension mismatches, matrix-vs-scalar relations and ungeneratable kinds are rejected before sampling;
// the parser never crashes (property tests on random strings and on mutations of valid bounds).
#include "fuzz/ast.hpp"
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace stabcheck::fuzz {
namespace {

/// A malformed bound and the error it must give: one line `column | bound | where | part of the message` of
/// tests/bounds/malformed.txt (column 0: not checked), which tests/bounds_cli.py also runs through the command line.
struct Bad {
  int column;
  std::string bound, where, contains;
};

std::vector<Bad> malformed_bounds() {
  std::vector<Bad> out;
  for (const auto& f : test::read_cases("tests/bounds/malformed.txt", 4)) out.push_back({std::stoi(f[0]), f[1], f[2], f[3]});
  return out;
}

TEST(FuzzParser, ErrorsNameColumnExpectedAndFound) {
  const std::vector<Bad> bad = malformed_bounds();
  ASSERT_GE(bad.size(), 29u);
  for (const Bad& b : bad) {
    try {
      parse_bound(b.bound, b.where);
      ADD_FAILURE() << "accepted: " << b.bound << "  [" << b.where << "]";
    } catch (const ParseError& e) {
      std::string msg = e.what();
      EXPECT_NE(msg.find(b.contains), std::string::npos) << b.bound << " [" << b.where << "]: " << msg;
      if (b.column) { EXPECT_EQ(e.column, b.column) << b.bound << " [" << b.where << "]: " << msg; }
      if (e.column) { EXPECT_EQ(msg.rfind("column " + std::to_string(e.column) + ": ", 0), 0u) << msg; }
    }
  }
}

TEST(FuzzParser, AcceptsTheGrammar) {
  const std::pair<const char*, const char*> good[] = {
      {"tr(A*B) <= lmax(A)*tr(B)", "A, B: psd"},
      {"A^2 >>= 0", "A: sym"},
      {"0 <<= A'*A", "A: general"},
      {"inv(A + C) <<= A^-1", "A: pd, C: psd"},
      {"A^0.5 >>= 0", "A: psd"},
      {"A^(1/2) .* B^(3/2) >>= 0", "A: psd, B: psd"},
      {"hadamard(A, B) >>= 0", "A: psd, B: psd"},
      {"schatten(A, 3) <= nuc(A)", "A: general"},
      {"eig(A, 2) <= lmax(A)", "A: sym"},
      {"abs(tr(A*B)) <= fro(A)*fro(B)", "A: general, B: general"},
      {"x'*A*x <= lmax(A)*x'*x", "A: sym, x: vec"},
      {"t*tr(A) <= max(tr(A), 0)", "t: scalar in [-1/2, 1], A: sym"},
      {"tr(A^k) <= tr(A)^k", "k: int in [1, 5], A: psd"},
      {"sum(i=1..n, tr(H[i]))^2 <= n*sum(i=1..n, tr(H[i])^2)", "n: int in [1, 4], H[1..n]: psd"},
      {"lmax(prod(i=1..2, H[i])) >= 0", "H[1..2]: psd"},
      {"tr(expm(A)) >= d + tr(A)", "A: sym"},
      {"tr(logm(A)) <= log(det(A)) + 1e-3", "A: pd"},
      {"det(A) <= (tr(A)/d)^3", "A: psd rank 2"},
      {"A^T == A", "A: sym"},
      {"tr(P) <= d", "P: projector"},
      {"tr(A*B) <= 0.99*lmax(A)*tr(B) + 2.5e-3", "A, B: psd"},
  };
  for (auto [b, w] : good) {
    try {
      Bound bd = parse_bound(b, w);
      EXPECT_FALSE(bd.decls.empty());
    } catch (const ParseError& e) {
      ADD_FAILURE() << b << " [" << w << "]: " << e.pretty();
    }
  }
  // Static symmetry and PSD-ness drive the PSD order and real powers.
  EXPECT_TRUE(parse_bound("X'*B*X >>= 0", "X: general, B: psd").lhs->psd);
  EXPECT_TRUE(parse_bound("A*B*A >>= 0", "A: sym, B: sym").lhs->sym);
  EXPECT_FALSE(parse_bound("A*B >>= 0", "A: sym, B: sym").lhs->sym);
  // decimals are exact rationals
  EXPECT_EQ(rat_str(parse_bound("t <= 0.99", "t: scalar").rhs->q), "99/100");
  EXPECT_EQ(rat_str(parse_bound("t <= 2.5e-3", "t: scalar").rhs->q), "1/400");
}

TEST(FuzzParser, PrettyErrorHasCaret) {
  try {
    parse_bound("tr(A*B <= 1", "A, B: psd");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.pretty(), std::string("column 8: expected ')', found '<='\n  tr(A*B <= 1\n         ^"));
  }
}

// Inputs built for the libFuzzer target (fuzz/libfuzzer, README "Memory and parser safety"), minimized by bisection
// on their length: before the input limits of fuzz/parse.cpp, 514 '(' overflowed the parser's stack and 2293 '-'
// before '1 < 1' the stack of to_string (both under ASan; at -O2 without it 20000 '(' crashed stabcheck fuzz), and
// a product of 2000 factors took seconds to parse (quadratic symmetry check). Now each is a one-line ParseError.
std::string parse_error_of(const std::string& b, const std::string& w) {
  try {
    parse_bound(b, w);
  } catch (const ParseError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(FuzzParser, DeepOrLongInputIsAParseErrorNotACrash) {
  EXPECT_EQ(parse_error_of(std::string(514, '('), ""), "column 65: expected at most 64 nested parentheses, function calls or signs, found more");
  EXPECT_EQ(parse_error_of(std::string(2293, '-') + "1<1", ""), "column 1001: expected at most 1000 characters, found 2296");
  std::string product = "A";
  for (int i = 1; i < 2000; ++i) product += "*A";
  EXPECT_EQ(parse_error_of(product + " >>= 0", "A: psd"), "column 1001: expected at most 1000 characters, found 4005");
  EXPECT_EQ(parse_error_of("tr(A) >= 0", "A: psd" + std::string(1000, ' ')), "column 1001: expected at most 1000 characters, found 1006");
  // up to the limits the language is unchanged: 64 nested levels, 1000 characters
  EXPECT_EQ(parse_error_of(std::string(63, '(') + "1" + std::string(63, ')') + " <= 1", ""), "accepted");
  EXPECT_EQ(parse_error_of(std::string(64, '(') + "1" + std::string(64, ')') + " <= 1", "").rfind("column 65: expected at most 64 nested", 0), 0u);
  EXPECT_EQ(parse_error_of(std::string(60, '-') + "1 < 1", ""), "accepted");
  EXPECT_EQ(parse_error_of(product.substr(0, 993) + " >>= 0", "A: psd"), "accepted");  // 497 factors, 999 characters
  EXPECT_TRUE(parse_bound(product.substr(0, 993) + " >>= 0", "A: psd").lhs->psd);
}

// Never crashes: any input parses or throws ParseError (nothing else).
bool parses_or_parse_error(const std::string& b, const std::string& w) {
  try {
    parse_bound(b, w);
  } catch (const ParseError&) {
  }
  return true;  // any other exception propagates and fails the property
}

const std::string kAlphabet = "ABCxHIdnt ()[]+-*/^'.,<>=:0123456789eT_trlmaxinvdetsqrfoupb";

RC_GTEST_PROP(FuzzParser, NeverCrashesOnRandomStrings, ()) {
  auto s = *rc::gen::container<std::string>(rc::gen::elementOf(kAlphabet));
  auto w = *rc::gen::element(std::string("A: psd, B: sym, x: vec, t: scalar in [0,1], n: int in [1,3], H[1..n]: psd"),
                             std::string("A: general"), std::string(""));
  RC_ASSERT(parses_or_parse_error(s, w));
  RC_ASSERT(parses_or_parse_error("tr(A) >= 0", s));  // random declarations
}

RC_GTEST_PROP(FuzzParser, NeverCrashesOnMutationsOfValidBounds, ()) {
  static const std::vector<std::string> valid = {
      "tr(A*B) <= lmax(A)*tr(B)", "inv(A + B) <<= A^-1", "sum(i=1..n, tr(H[i]*A))^2 <= n*fro(A)^2",
      "x'*A*x <= lmax(A)*x'*x", "A^(1/2) .* B >>= 0", "max(t*tr(A), 0) >= min(eig(A, 1), schatten(A, 3))"};
  const std::string where = "A: psd, B: pd, x: vec, t: scalar in [0,1], n: int in [1,3], H[1..n]: psd";
  std::string s = *rc::gen::elementOf(valid);
  int edits = *rc::gen::inRange(1, 5);
  for (int k = 0; k < edits; ++k) {
    int op = *rc::gen::inRange(0, 3);
    size_t pos = *rc::gen::inRange<size_t>(0, s.size() + 1);
    char c = *rc::gen::elementOf(kAlphabet);
    if (op == 0) s.insert(s.begin() + long(pos), c);
    else if (op == 1 && pos < s.size()) s.erase(pos, 1);
    else if (pos < s.size()) s[pos] = c;
  }
  RC_ASSERT(parses_or_parse_error(s, where));
}

}  // namespace
}  // namespace stabcheck::fuzz
