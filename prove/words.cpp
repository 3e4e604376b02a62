#include "prove/words.hpp"
#include <algorithm>

namespace stabcheck::prove {

int Alphabet::add_letter(const std::string& name, bool symmetric) {
  letters.push_back({name, symmetric});
  return int(letters.size()) - 1;
}
int Alphabet::add_scalar(const std::string& name) {
  scalars.push_back(name);
  return int(scalars.size()) - 1;
}
int Alphabet::find_letter(const std::string& name) const {
  for (size_t i = 0; i < letters.size(); ++i)
    if (letters[i].name == name) return int(i);
  return -1;
}
int Alphabet::find_scalar(const std::string& name) const {
  for (size_t i = 0; i < scalars.size(); ++i)
    if (scalars[i] == name) return int(i);
  return -1;
}

Word Alphabet::transpose(const Word& w) const {
  Word r(w.rbegin(), w.rend());
  for (char& c : r) c = transpose(c);
  return r;
}

static Word least_rotation(const Word& w) {
  Word best = w;
  for (size_t k = 1; k < w.size(); ++k) {
    Word r = w.substr(k) + w.substr(0, k);
    if (r < best) best = r;
  }
  return best;
}

Word Alphabet::canonical(const Word& w) const {
  Word a = least_rotation(w), b = least_rotation(transpose(w));
  return std::min(a, b);
}

std::string Alphabet::token(char c) const {
  const Letter& l = letters[size_t((unsigned char)c) >> 1];
  return l.name + ((c & 1) ? "'" : "");
}
std::string Alphabet::word_str(const Word& w) const {
  if (w.empty()) return "I";
  std::string s;
  for (size_t i = 0; i < w.size(); ++i) s += (i ? "*" : "") + token(w[i]);
  return s;
}
std::string Alphabet::mono_str(const Mono& m) const {
  std::string s;
  for (size_t i = 0; i < m.size(); ++i) s += (i ? "*" : "") + scalars[size_t(m[i])];
  return s;
}

Mono mono_mul(const Mono& a, const Mono& b) {
  Mono r;
  r.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  return r;
}

NcPoly NcPoly::constant(const Q& c) {
  NcPoly p;
  p.add("", "", c);
  return p;
}
NcPoly NcPoly::letter(char code) {
  NcPoly p;
  p.add("", Word(1, code), 1);
  return p;
}
NcPoly NcPoly::scalar(const Mono& m, const Q& c) {
  NcPoly p;
  p.add(m, "", c);
  return p;
}
void NcPoly::add(const Mono& m, const Word& w, const Q& c) {
  if (c == 0) return;
  auto [it, fresh] = t.try_emplace({m, w}, c);
  if (!fresh) {
    it->second += c;
    if (it->second == 0) t.erase(it);
  }
}
NcPoly NcPoly::operator+(const NcPoly& o) const {
  NcPoly r = *this;
  for (const auto& [k, c] : o.t) r.add(k.first, k.second, c);
  return r;
}
NcPoly NcPoly::operator-(const NcPoly& o) const { return *this + o.scaled(-1); }
NcPoly NcPoly::operator*(const NcPoly& o) const {
  NcPoly r;
  for (const auto& [k1, c1] : t)
    for (const auto& [k2, c2] : o.t) r.add(mono_mul(k1.first, k2.first), k1.second + k2.second, c1 * c2);
  return r;
}
NcPoly NcPoly::scaled(const Q& c) const {
  NcPoly r;
  if (c == 0) return r;
  for (const auto& [k, v] : t) r.t.emplace(k, v * c);
  return r;
}
NcPoly NcPoly::transposed(const Alphabet& a) const {
  NcPoly r;
  for (const auto& [k, c] : t) r.add(k.first, a.transpose(k.second), c);
  return r;
}
int NcPoly::degree() const {
  int d = 0;
  for (const auto& [k, c] : t) d = std::max(d, int(k.first.size() + k.second.size()));
  return d;
}

TracePoly TracePoly::scalar(const Mono& m, const Q& c) {
  TracePoly p;
  p.add({m, false, ""}, c);
  return p;
}
TracePoly TracePoly::trace(const Alphabet& a, const NcPoly& p) {
  TracePoly r;
  for (const auto& [k, c] : p.t) r.add({k.first, true, a.canonical(k.second)}, c);
  return r;
}
void TracePoly::add(const TKey& k, const Q& c) {
  if (c == 0) return;
  auto [it, fresh] = t.try_emplace(k, c);
  if (!fresh) {
    it->second += c;
    if (it->second == 0) t.erase(it);
  }
}
TracePoly TracePoly::operator+(const TracePoly& o) const {
  TracePoly r = *this;
  for (const auto& [k, c] : o.t) r.add(k, c);
  return r;
}
TracePoly TracePoly::operator-(const TracePoly& o) const { return *this + o.scaled(-1); }
TracePoly TracePoly::scaled(const Q& c) const {
  TracePoly r;
  if (c == 0) return r;
  for (const auto& [k, v] : t) r.t.emplace(k, v * c);
  return r;
}
TracePoly TracePoly::times_scalar(const Mono& m, const Q& c) const {
  TracePoly r;
  for (const auto& [k, v] : t) r.add({mono_mul(k.m, m), k.traced, k.w}, v * c);
  return r;
}
bool TracePoly::has_trace() const {
  for (const auto& [k, c] : t)
    if (k.traced) return true;
  return false;
}
int TracePoly::degree() const {
  int d = 0;
  for (const auto& [k, c] : t) d = std::max(d, int(k.m.size() + k.w.size()));
  return d;
}

Word substitute(const Alphabet& a, const Word& w, const std::vector<int>& factor) {
  Word r;
  for (char c : w) {
    int l = int((unsigned char)c) >> 1;
    if (size_t(l) < factor.size() && factor[size_t(l)] >= 0) {
      r += a.code(factor[size_t(l)], false);
      r += a.code(factor[size_t(l)], true);
    } else {
      r += c;
    }
  }
  return r;
}
NcPoly substitute(const Alphabet& a, const NcPoly& p, const std::vector<int>& factor) {
  NcPoly r;
  for (const auto& [k, c] : p.t) r.add(k.first, substitute(a, k.second, factor), c);
  return r;
}
TracePoly substitute(const Alphabet& a, const TracePoly& p, const std::vector<int>& factor) {
  TracePoly r;
  for (const auto& [k, c] : p.t)
    r.add({k.m, k.traced, k.traced ? a.canonical(substitute(a, k.w, factor)) : Word()}, c);
  return r;
}

std::string to_string(const Alphabet& a, const TracePoly& p) {
  if (p.t.empty()) return "0";
  std::string s;
  bool first = true;
  for (const auto& [k, c] : p.t) {
    std::string cs = c.get_str();
    if (!first) s += c < 0 ? " - " : " + ";
    else if (c < 0) s += "-";
    first = false;
    Q ac = abs(c);
    std::string body;
    if (!k.m.empty()) body = a.mono_str(k.m);
    if (k.traced) body += (body.empty() ? "" : "*") + std::string("tr(") + a.word_str(k.w) + ")";
    if (body.empty()) s += ac.get_str();
    else if (ac == 1) s += body;
    else s += ac.get_str() + "*" + body;
  }
  return s;
}

}  // namespace stabcheck::prove
