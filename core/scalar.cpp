#include "core/scalar.hpp"
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace stabcheck {

void set_digits(unsigned d) { Mpfr::default_precision(d); }
unsigned digits() { return Mpfr::default_precision(); }

std::string rat_str(const Rat& q) { return q.str(); }

Rat parse_rat(const std::string& raw) {
  std::string s = raw;
  if (s.empty()) throw std::invalid_argument("empty number");
  auto slash = s.find('/');
  auto is_int = [](const std::string& t) {
    size_t i = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
    if (i >= t.size()) return false;
    for (; i < t.size(); ++i) if (!std::isdigit((unsigned char)t[i])) return false;
    return true;
  };
  if (slash != std::string::npos) {
    std::string a = s.substr(0, slash), b = s.substr(slash + 1);
    if (!is_int(a) || !is_int(b)) throw std::invalid_argument("not a rational: '" + raw + "'");
    Int den(b);
    if (den == 0) throw std::invalid_argument("zero denominator: '" + raw + "'");
    return Rat(Int(a), den);
  }
  if (is_int(s)) return Rat(Int(s));
  // finite decimal with optional exponent
  size_t i = 0;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
  std::string digs;
  long scale = 0;
  bool dot = false, any = false;
  for (; i < s.size() && (std::isdigit((unsigned char)s[i]) || s[i] == '.'); ++i) {
    if (s[i] == '.') { if (dot) throw std::invalid_argument("not a number: '" + raw + "'"); dot = true; continue; }
    digs += s[i];
    any = true;
    if (dot) --scale;
  }
  if (!any) throw std::invalid_argument("not a number: '" + raw + "'");
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') throw std::invalid_argument("not a number: '" + raw + "'");
    std::string ex = s.substr(i + 1);
    if (!is_int(ex)) throw std::invalid_argument("not a number: '" + raw + "'");
    scale += std::stol(ex);
  }
  Rat v{Int(digs)};
  Int p = boost::multiprecision::pow(Int(10), unsigned(scale >= 0 ? scale : -scale));
  v = scale >= 0 ? v * Rat(p) : v / Rat(p);
  return neg ? -v : v;
}

std::string short_decimal(const std::string& s, int sig) {
  size_t e = s.find_first_of("eE");
  std::string mant = s.substr(0, e), ex = e == std::string::npos ? "" : s.substr(e);
  size_t i = (!mant.empty() && (mant[0] == '-' || mant[0] == '+')) ? 1 : 0;
  for (size_t k = i; k < mant.size(); ++k)
    if (!std::isdigit((unsigned char)mant[k]) && mant[k] != '.') return s;
  if (mant.size() <= i) return s;
  std::string out = mant.substr(0, i);
  int kept = 0;
  bool lead = true;
  for (size_t k = i; k < mant.size(); ++k) {
    char ch = mant[k];
    if (ch == '.') { out += ch; continue; }
    if (lead && ch == '0') { out += ch; continue; }
    lead = false;
    if (kept == sig) {
      if (out.find('.') == std::string::npos) out += '0';  // digits before the point are not dropped
      else break;
      continue;
    }
    out += ch;
    ++kept;
  }
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (lead) return "0";  // no nonzero digit: the value is 0
  return out + ex;
}

std::string mpfr_str(const Mpfr& x, int sig) {
  std::ostringstream os;
  os.precision(sig);
  os << std::scientific << x;
  return os.str();
}

}  // namespace stabcheck
