// Exact checker of trace sum-of-hermitian-squares certificates. GMP and nlohmann-json only; nothing of the prover is
// used (README, "Certificate file", gives the format this file implements).
#include "prove/certificate.hpp"
#include <gmpxx.h>
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace stabcheck::prove::cert {
namespace {

using nlohmann::json;
using Q = mpq_class;

constexpr size_t kMaxLetters = 60, kMaxScalars = 120, kMaxWord = 128, kMaxBasis = 4000, kMaxExp = 128;

[[noreturn]] void bad(const std::string& where, const std::string& what) { throw FormatError(where + ": " + what); }

std::string shown(const json& v) {
  std::string s = v.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

const json& field(const json& o, const std::string& where, const char* name) {
  if (!o.is_object()) bad(where, "expected an object, found " + shown(o));
  auto it = o.find(name);
  if (it == o.end()) bad(where, std::string("missing field '") + name + "'");
  return *it;
}
const json& array_field(const json& o, const std::string& where, const char* name) {
  const json& a = field(o, where, name);
  if (!a.is_array()) bad(where + "." + name, "expected an array, found " + shown(a));
  return a;
}
std::string string_field(const json& o, const std::string& where, const char* name) {
  const json& a = field(o, where, name);
  if (!a.is_string()) bad(where + "." + name, "expected a string, found " + shown(a));
  return a.get<std::string>();
}

Q rational(const json& v, const std::string& where) {
  if (v.is_number_integer()) return Q(v.dump());
  if (!v.is_string()) bad(where, "expected a rational 'p/q', found " + shown(v));
  const std::string s = v.get<std::string>();
  size_t i = 0, n = s.size();
  if (i < n && s[i] == '-') ++i;
  size_t d0 = i;
  while (i < n && std::isdigit((unsigned char)s[i])) ++i;
  bool ok = i > d0;
  if (ok && i < n && s[i] == '/') {
    size_t d1 = ++i;
    while (i < n && std::isdigit((unsigned char)s[i])) ++i;
    ok = i > d1 && s.find_first_not_of('0', d1) != std::string::npos;
  }
  if (!ok || i != n || n > 100000) bad(where, "expected a rational 'p/q', found " + shown(v));
  Q q(s);
  q.canonicalize();
  return q;
}

// Words are strings of letter codes (2 * letter + transposed); scalar monomials sorted strings of scalar ids.
struct Key {
  std::string mono;
  bool traced;
  std::string word;
  bool operator<(const Key& o) const { return std::tie(mono, traced, word) < std::tie(o.mono, o.traced, o.word); }
  bool operator==(const Key& o) const = default;
};
using Poly = std::map<Key, Q>;
struct MTerm {
  Q c;
  std::string mono, word;
};
using MPoly = std::vector<MTerm>;

void add(Poly& p, const Key& k, const Q& c) {
  if (c == 0) return;
  auto [it, fresh] = p.try_emplace(k, c);
  if (!fresh) {
    it->second += c;
    if (it->second == 0) p.erase(it);
  }
}

std::string mono_mul(const std::string& a, const std::string& b) {
  std::string r;
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  return r;
}

struct Checker {
  struct Let {
    std::string name;
    bool sym = false;
    int factor = -1;  // psd: letter id of the factor
  };
  std::vector<Let> letters;
  std::map<std::string, int> letter_id;
  std::vector<std::string> scalar_names;
  std::map<std::string, int> scalar_id;
  std::map<std::string, std::vector<MTerm>> scalar_hyp;  // id -> polynomial (empty words)
  std::map<std::string, MPoly> matrix_hyp;               // id -> matrix polynomial (substituted)
  std::set<std::string> psd_letter;                      // names of the psd variables

  char tr(char c) const { return letters[size_t((unsigned char)c) >> 1].sym ? c : char(c ^ 1); }
  std::string transpose(const std::string& w) const {
    std::string r(w.rbegin(), w.rend());
    for (char& c : r) c = tr(c);
    return r;
  }
  std::string canon(const std::string& w) const {
    std::string best = w;
    std::string t = transpose(w);
    const std::string* both[] = {&w, &t};
    for (const std::string* s : both)
      for (size_t k = 0; k < s->size() || k == 0; ++k) {
        std::string r = s->substr(k) + s->substr(0, k);
        if (r < best) best = r;
        if (s->empty()) break;
      }
    return best;
  }

  void add_letter(const std::string& name, bool sym, int factor, const std::string& where) {
    if (name.empty() || name.find('\'') != std::string::npos) bad(where, "bad letter name " + shown(json(name)));
    if (letter_id.count(name) || scalar_id.count(name)) bad(where, "name '" + name + "' declared twice");
    if (letters.size() >= kMaxLetters) bad(where, "too many letters");
    letter_id[name] = int(letters.size());
    letters.push_back({name, sym, factor});
  }

  // A word of tokens "N" / "N'", PSD letters replaced by F F'.
  std::string word(const json& a, const std::string& where) {
    if (!a.is_array()) bad(where, "expected an array of letters, found " + shown(a));
    if (a.size() > kMaxWord) bad(where, "word longer than " + std::to_string(kMaxWord));
    std::string w;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string wi = where + "[" + std::to_string(i) + "]";
      if (!a[i].is_string()) bad(wi, "expected a letter, found " + shown(a[i]));
      std::string t = a[i].get<std::string>();
      bool prime = !t.empty() && t.back() == '\'';
      if (prime) t.pop_back();
      auto it = letter_id.find(t);
      if (it == letter_id.end()) bad(wi, "unknown letter " + shown(a[i]));
      const Let& l = letters[size_t(it->second)];
      if (l.factor >= 0) {
        w += char(2 * l.factor);
        w += char(2 * l.factor + 1);
      } else {
        w += char(2 * it->second + (prime && !l.sym ? 1 : 0));
      }
    }
    if (w.size() > 2 * kMaxWord) bad(where, "word too long after substitution");
    return w;
  }

  std::string mono(const json& o, const std::string& where) {
    if (!o.is_object()) bad(where, "expected an object {scalar: exponent}, found " + shown(o));
    std::string m;
    for (auto it = o.begin(); it != o.end(); ++it) {
      auto s = scalar_id.find(it.key());
      if (s == scalar_id.end()) bad(where, "unknown scalar '" + it.key() + "'");
      if (!it.value().is_number_integer() || it.value().get<long long>() < 1 || it.value().get<long long>() > (long long)kMaxExp)
        bad(where + "." + it.key(), "expected an exponent in 1.." + std::to_string(kMaxExp) + ", found " + shown(it.value()));
      m += std::string(size_t(it.value().get<long long>()), char(s->second));
    }
    std::sort(m.begin(), m.end());
    return m;
  }
  std::string mono_field(const json& o, const std::string& where) {
    auto it = o.find("scalars");
    if (it == o.end() || it->is_null()) return "";
    return mono(*it, where + ".scalars");
  }

  Poly trace_poly(const json& a, const std::string& where) {
    if (!a.is_array()) bad(where, "expected an array of terms, found " + shown(a));
    Poly p;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string wi = where + "[" + std::to_string(i) + "]";
      Q c = rational(field(a[i], wi, "coef"), wi + ".coef");
      std::string m = mono_field(a[i], wi);
      auto t = a[i].find("trace");
      if (t == a[i].end() || t->is_null()) add(p, {m, false, ""}, c);
      else add(p, {m, true, canon(word(*t, wi + ".trace"))}, c);
    }
    return p;
  }
  MPoly matrix_poly(const json& a, const std::string& where) {
    if (!a.is_array()) bad(where, "expected an array of terms, found " + shown(a));
    MPoly p;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string wi = where + "[" + std::to_string(i) + "]";
      p.push_back({rational(field(a[i], wi, "coef"), wi + ".coef"), mono_field(a[i], wi), word(field(a[i], wi, "word"), wi + ".word")});
    }
    return p;
  }
  std::map<std::pair<std::string, std::string>, Q> collect(const MPoly& p) const {
    std::map<std::pair<std::string, std::string>, Q> r;
    for (const auto& t : p) {
      Q& x = r[{t.mono, t.word}];
      x += t.c;
      if (x == 0) r.erase({t.mono, t.word});
    }
    return r;
  }
  MPoly transposed(const MPoly& p) const {
    MPoly r;
    for (const auto& t : p) r.push_back({t.c, t.mono, transpose(t.word)});
    return r;
  }

  Result run(const json& j) {
    if (!j.is_object()) bad("certificate", "expected a JSON object, found " + shown(j));
    if (string_field(j, "certificate", "format") != kFormat) bad("format", std::string("expected '") + kFormat + "'");
    const json& ver = field(j, "certificate", "version");
    if (!ver.is_number_integer() || ver.get<long long>() != kVersion) bad("version", "expected " + std::to_string(kVersion) + ", found " + shown(ver));
    std::string bound = string_field(j, "certificate", "bound");
    std::string rel = string_field(j, "certificate", "relation");
    if (rel != "<=" && rel != ">=" && rel != "==") bad("relation", "expected '<=', '>=' or '==', found " + shown(json(rel)));

    // Letters: matrices in order; a PSD variable is a symmetric letter replaced by its factor F F' (F general).
    const json& ms = array_field(j, "certificate", "matrices");
    for (size_t i = 0; i < ms.size(); ++i) {
      std::string wi = "matrices[" + std::to_string(i) + "]";
      std::string name = string_field(ms[i], wi, "name"), kind = string_field(ms[i], wi, "kind");
      if (kind == "sym") add_letter(name, true, -1, wi);
      else if (kind == "general") add_letter(name, false, -1, wi);
      else if (kind == "psd") {
        auto fac = ms[i].find("factor");
        if (fac != ms[i].end() && !fac->is_null()) {  // A = F F'
          if (!fac->is_string()) bad(wi + ".factor", "expected a string, found " + shown(*fac));
          add_letter(fac->get<std::string>(), false, -1, wi + ".factor");
          add_letter(name, true, int(letters.size()) - 1, wi);
        } else {  // a symmetric letter with the hypothesis A >= 0
          add_letter(name, true, -1, wi);
          matrix_hyp[name] = {{1, "", std::string(1, char(2 * (letters.size() - 1)))}};
        }
        psd_letter.insert(name);
      } else bad(wi + ".kind", "expected 'sym', 'general' or 'psd', found " + shown(json(kind)));
    }
    // Scalars and the hypotheses they bring.
    const json& ss = array_field(j, "certificate", "scalars");
    std::vector<std::pair<std::string, const json*>> pending;
    for (size_t i = 0; i < ss.size(); ++i) {
      std::string wi = "scalars[" + std::to_string(i) + "]";
      std::string name = string_field(ss[i], wi, "name");
      if (name.empty() || scalar_id.count(name) || letter_id.count(name)) bad(wi, "scalar name " + shown(json(name)) + " empty or declared twice");
      if (scalar_names.size() >= kMaxScalars) bad(wi, "too many scalars");
      scalar_id[name] = int(scalar_names.size());
      scalar_names.push_back(name);
    }
    for (size_t i = 0; i < ss.size(); ++i) {
      std::string wi = "scalars[" + std::to_string(i) + "]";
      const std::string& name = scalar_names[i];
      std::string kind = string_field(ss[i], wi, "kind");
      std::string me(1, char(i));
      if (kind == "param") {
        auto lo = ss[i].find("lo"), hi = ss[i].find("hi");
        bool has_lo = lo != ss[i].end() && !lo->is_null(), has_hi = hi != ss[i].end() && !hi->is_null();
        Q l = has_lo ? rational(*lo, wi + ".lo") : Q(0), h = has_hi ? rational(*hi, wi + ".hi") : Q(0);
        if (has_lo && has_hi && h < l) bad(wi, "empty range [lo, hi]");
        if (has_lo) scalar_hyp[name + ":lo"] = {{1, me, ""}, {-l, "", ""}};
        if (has_hi) scalar_hyp[name + ":hi"] = {{h, "", ""}, {-1, me, ""}};
      } else if (kind == "lmax" || kind == "lmin" || kind == "op") {
        MPoly P = matrix_poly(array_field(ss[i], wi, "of"), wi + ".of");
        for (const auto& t : P)
          if (!t.mono.empty()) bad(wi + ".of", "terms with scalars are not allowed");
        bool nonneg = false;
        if (auto nn = ss[i].find("nonneg"); nn != ss[i].end()) {
          if (!nn->is_boolean()) bad(wi + ".nonneg", "expected true or false, found " + shown(*nn));
          nonneg = nn->get<bool>();
        }
        if (kind == "op") {
          scalar_hyp[name + ":nonneg"] = {{1, me, ""}};
          MPoly sq{{1, me + me, ""}}, sp{{1, me, ""}}, sm{{1, me, ""}};
          MPoly PT = transposed(P);
          for (const auto& a : PT)
            for (const auto& b : P) sq.push_back({-a.c * b.c, "", a.word + b.word});
          for (const auto* src : {&P, &PT})
            for (const auto& t : *src) {
              sp.push_back({-t.c / 2, "", t.word});
              sm.push_back({t.c / 2, "", t.word});
            }
          matrix_hyp[name + ":sq"] = sq;
          matrix_hyp[name + ":sym+"] = sp;
          matrix_hyp[name + ":sym-"] = sm;
        } else {
          if (collect(P) != collect(transposed(P))) bad(wi + ".of", "not a symmetric matrix polynomial");
          MPoly g;
          if (kind == "lmax") {
            g.push_back({1, me, ""});
            for (const auto& t : P) g.push_back({-t.c, "", t.word});
          } else {
            for (const auto& t : P) g.push_back(t);
            g.push_back({-1, me, ""});
          }
          matrix_hyp[name] = g;
          // of = A with A = F F': F' F has the spectrum of F F', so the hypothesis also holds with F' F ("NAME:swap")
          const json& of = ss[i].at("of");
          if (of.size() == 1 && of[0].contains("word") && of[0]["word"].is_array() && of[0]["word"].size() == 1 &&
              of[0]["word"][0].is_string() && letter_id.count(of[0]["word"][0].get<std::string>()) && P.size() == 1 && P[0].c == 1 &&
              P[0].mono.empty()) {
            const Let& l = letters[size_t(letter_id.at(of[0]["word"][0].get<std::string>()))];
            if (l.factor >= 0) {
              std::string FtF{char(2 * l.factor + 1), char(2 * l.factor)};
              matrix_hyp[name + ":swap"] = kind == "lmax" ? MPoly{{1, me, ""}, {-1, "", FtF}} : MPoly{{1, "", FtF}, {-1, me, ""}};
            }
          }
          if (nonneg) {  // lmax/lmin of a nonnegative combination of PSD variables is >= 0
            bool ok = !of.empty();
            for (const auto& t : of) {
              const json& w = t.at("word");
              ok = ok && w.is_array() && w.size() == 1 && w[0].is_string() && psd_letter.count(w[0].get<std::string>()) &&
                   rational(t.at("coef"), wi) > 0;
            }
            if (!ok) bad(wi + ".nonneg", "true only for a nonnegative combination of psd variables");
            scalar_hyp[name + ":nonneg"] = {{1, me, ""}};
          }
        }
      } else {
        bad(wi + ".kind", "expected 'param', 'lmax', 'lmin' or 'op', found " + shown(json(kind)));
      }
    }

    Poly lhs = trace_poly(array_field(j, "certificate", "lhs"), "lhs");
    Poly rhs = trace_poly(array_field(j, "certificate", "rhs"), "rhs");
    Poly target = rel == "<=" ? rhs : lhs;
    for (const auto& [k, c] : (rel == "<=" ? lhs : rhs)) add(target, k, -c);
    Result res;
    res.terms = int(target.size());
    if (auto t = j.find("target"); t != j.end() && !t->is_null()) {
      if (trace_poly(*t, "target") != target) return {false, "the stated target is not " + std::string(rel == "<=" ? "rhs - lhs" : "lhs - rhs") + " modulo cyclic equivalence"};
    }

    const json& blocks = array_field(j, "certificate", "blocks");
    Poly sum;
    std::vector<std::vector<std::vector<Q>>> grams;
    for (size_t b = 0; b < blocks.size(); ++b) {
      std::string wb = "blocks[" + std::to_string(b) + "]";
      const json& B = blocks[b];
      const json& trj = field(B, wb, "traced");
      if (!trj.is_boolean()) bad(wb + ".traced", "expected true or false, found " + shown(trj));
      bool traced = trj.get<bool>();
      // scalar factor: product of scalar hypotheses
      std::map<std::string, Q> S{{"", 1}};
      const json& sf = array_field(B, wb, "scalar_factor");
      for (size_t k = 0; k < sf.size(); ++k) {
        if (!sf[k].is_string() || !scalar_hyp.count(sf[k].get<std::string>()))
          bad(wb + ".scalar_factor[" + std::to_string(k) + "]", "unknown scalar hypothesis " + shown(sf[k]));
        std::map<std::string, Q> nS;
        for (const auto& [m1, c1] : S)
          for (const auto& t : scalar_hyp[sf[k].get<std::string>()]) {
            Q& x = nS[mono_mul(m1, t.mono)];
            x += c1 * t.c;
          }
        S.clear();
        for (auto& [m, c] : nS)
          if (c != 0) S[m] = c;
      }
      MPoly g{{1, "", ""}};
      const json& mf = field(B, wb, "matrix_factor");
      if (!mf.is_null()) {
        if (!mf.is_string() || !matrix_hyp.count(mf.get<std::string>())) bad(wb + ".matrix_factor", "unknown matrix hypothesis " + shown(mf));
        if (!traced) bad(wb + ".matrix_factor", "must be null in an untraced block");
        g = matrix_hyp[mf.get<std::string>()];
      }
      const json& basis = array_field(B, wb, "basis");
      if (basis.size() > kMaxBasis) bad(wb + ".basis", "more than " + std::to_string(kMaxBasis) + " elements");
      std::vector<std::string> bm, bw;
      for (size_t i = 0; i < basis.size(); ++i) {
        std::string wi = wb + ".basis[" + std::to_string(i) + "]";
        bm.push_back(mono_field(basis[i], wi));
        bw.push_back(word(field(basis[i], wi, "word"), wi + ".word"));
        if (!traced && !bw.back().empty()) bad(wi + ".word", "must be empty in an untraced block");
      }
      const json& gj = array_field(B, wb, "gram");
      size_t n = basis.size();
      if (gj.size() != n) bad(wb + ".gram", "expected " + std::to_string(n) + " rows (the basis size), found " + std::to_string(gj.size()));
      std::vector<std::vector<Q>> G(n, std::vector<Q>(n));
      for (size_t r = 0; r < n; ++r) {
        std::string wr = wb + ".gram[" + std::to_string(r) + "]";
        if (!gj[r].is_array() || gj[r].size() != n) bad(wr, "expected a row of " + std::to_string(n) + " entries");
        for (size_t c = 0; c < n; ++c) G[r][c] = rational(gj[r][c], wr + "[" + std::to_string(c) + "]");
      }
      for (size_t r = 0; r < n; ++r)
        for (size_t c = r + 1; c < n; ++c)
          if (G[r][c] != G[c][r]) return {false, wb + ": Gram matrix not symmetric at (" + std::to_string(r) + ", " + std::to_string(c) + ")"};
      // value = S * sum_{r,c} G_rc tr(u_r^T g u_c) (traced) or S * sum_{r,c} G_rc m_r m_c (untraced)
      for (size_t r = 0; r < n; ++r) {
        std::string ut = transpose(bw[r]);
        for (size_t c = 0; c < n; ++c) {
          if (G[r][c] == 0) continue;
          std::string m = mono_mul(bm[r], bm[c]);
          for (const auto& t : g) {
            std::string mm = mono_mul(m, t.mono);
            std::string w = traced ? canon(ut + t.word + bw[c]) : "";
            Q gc = G[r][c] * t.c;
            for (const auto& [sm, sc] : S) add(sum, {mono_mul(mm, sm), traced, w}, gc * sc);
          }
        }
      }
      grams.push_back(std::move(G));
      res.max_gram = std::max(res.max_gram, int(n));
    }
    res.blocks = int(blocks.size());
    if (rel == "==" && !blocks.empty()) return {false, "an identity (==) is certified by cyclic equivalence alone: blocks must be empty"};
    if (sum != target) {
      // name one differing term
      Poly diff = target;
      for (const auto& [k, c] : sum) add(diff, k, -c);
      const auto& [k, c] = *diff.begin();
      std::string t;
      for (char s : k.mono) t += scalar_names[size_t(s)] + "*";
      if (k.traced) {
        t += "tr(";
        for (size_t i = 0; i < k.word.size(); ++i) t += (i ? "*" : "") + letters[size_t((unsigned char)k.word[i]) >> 1].name + ((k.word[i] & 1) ? "'" : "");
        t += k.word.empty() ? "I)" : ")";
      } else if (!t.empty()) t.pop_back();
      else t = "1";
      return {false, std::string(rel == "==" ? "the sides are not cyclically equivalent" : "the Gram blocks do not expand to the bound") +
                         ": coefficient of " + t + " differs by " + c.get_str()};
    }
    for (size_t b = 0; b < grams.size(); ++b) {
      std::string why = psd_defect(grams[b]);
      if (!why.empty()) return {false, "blocks[" + std::to_string(b) + "]: Gram matrix not positive semidefinite (" + why + ")"};
    }
    res.valid = true;
    res.reason = "valid: " + bound + " holds for real matrices of every dimension (" + std::to_string(res.blocks) +
                 " Gram block" + (res.blocks == 1 ? "" : "s") + (res.blocks ? ", largest " + std::to_string(res.max_gram) + " x " + std::to_string(res.max_gram) : std::string(", cyclic identity")) + ")";
    return res;
  }
};

}  // namespace

// Exact LDL^T without pivoting: a PSD matrix has nonnegative pivots, and a zero pivot needs its whole row zero.
std::string psd_defect(std::vector<std::vector<mpq_class>> A) {
  size_t n = A.size();
  for (size_t k = 0; k < n; ++k) {
    const Q p = A[k][k];
    if (p < 0) return "negative pivot " + p.get_str() + " at " + std::to_string(k);
    if (p == 0) {
      for (size_t j = k + 1; j < n; ++j)
        if (A[k][j] != 0) return "zero pivot with a nonzero row at " + std::to_string(k);
      continue;
    }
    for (size_t i = k + 1; i < n; ++i) {
      if (A[k][i] == 0) continue;
      Q f = A[k][i] / p;
      for (size_t j = i; j < n; ++j)
        if (A[k][j] != 0) A[i][j] -= f * A[k][j];
    }
  }
  return "";
}

Result check(const json& j) {
  Checker c;
  try {
    return c.run(j);
  } catch (const json::exception& e) {
    throw FormatError(std::string("malformed certificate: ") + e.what());
  }
}

Result check_text(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string m = e.what();
    if (auto p = m.find('\n'); p != std::string::npos) m = m.substr(0, p);
    throw FormatError("not JSON: " + m);
  }
  return check(j);
}

Result check_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError("cannot read '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw FormatError("cannot read '" + path + "'");
  return check_text(ss.str());
}

}  // namespace stabcheck::prove::cert
