#include "core/knobs.hpp"
#include "core/hash.hpp"
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace stabcheck::knobs {

namespace {
thread_local Record* g_record = nullptr;
thread_local Apply* g_apply = nullptr;

uint64_t key_of(const rc::Random& r) {
  rc::Random copy = r;  // the leaf's own stream: its first output names it
  return copy.next();
}
}  // namespace

Record::Record() : prev_(g_record) { g_record = this; }
Record::~Record() { g_record = prev_; }
void Record::add(uint64_t key, double lo, double hi, const Rat& drawn) {
  if (seen_.count(key)) return;
  seen_[key] = leaves_.size();
  leaves_.push_back({key, lo, hi, drawn});
}

Apply::Apply(std::map<uint64_t, Rat> values) : values_(std::move(values)), prev_(g_apply) { g_apply = this; }
Apply::~Apply() { g_apply = prev_; }
const Rat* Apply::find(uint64_t key) const {
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

namespace {
std::optional<Rat> knob_at(uint64_t key, double lo, double hi, const Rat& drawn) {
  if (g_record) g_record->add(key, lo, hi, drawn);
  if (g_apply)
    if (const Rat* v = g_apply->find(key)) return *v;
  return std::nullopt;
}
}  // namespace

std::optional<Rat> knob(const rc::Random& r, double lo, double hi, const Rat& drawn) {
  if (!g_record && !g_apply) return std::nullopt;
  return knob_at(key_of(r), lo, hi, drawn);
}

Rat scalar(const std::string& name, const Rat& lo, const Rat& hi, const Rat& drawn) {
  if ((!g_record && !g_apply) || drawn < lo || drawn > hi) return drawn;
  // the grid of the search must not leave [lo, hi]: the range is rounded inwards to multiples of 2^-10
  const double l = std::ceil(double(lo) * 1024) / 1024, h = std::floor(double(hi) * 1024) / 1024;
  if (!(l < h)) return drawn;
  auto v = knob_at(fnv1a("scalar\x1f" + name), l, h, drawn);
  return v ? *v : drawn;
}

std::map<uint64_t, Rat> by_key(const std::vector<Leaf>& leaves, const Settings& s) {
  std::map<uint64_t, Rat> out;
  for (const auto& [i, v] : s) {
    if (i < 0 || size_t(i) >= leaves.size())
      throw std::invalid_argument("knob " + std::to_string(i) + " does not exist (the sample has " + std::to_string(leaves.size()) + ")");
    const Leaf& l = leaves[size_t(i)];
    if (v < Rat(l.lo) || v > Rat(l.hi))
      throw std::invalid_argument("knob " + std::to_string(i) + " = " + rat_str(v) + " is outside its range [" + rat_str(Rat(l.lo)) + ", " +
                                  rat_str(Rat(l.hi)) + "]");
    out[l.key] = v;
  }
  return out;
}

namespace {
// Exact decimal of a rational whose denominator divides a power of 10 (2^a 5^b); throws otherwise.
std::string decimal(const Rat& q) {
  Int num = boost::multiprecision::numerator(q), den = boost::multiprecision::denominator(q);
  int digits = 0;
  Int scale = 1;
  while ((scale % den) != 0) {
    scale *= 10;
    if (++digits > 40) throw std::invalid_argument("knob value " + rat_str(q) + " has no short decimal");
  }
  Int v = num * (scale / den);
  const bool neg = v < 0;
  std::string s = (neg ? Int(-v) : v).str();
  if (digits > 0) {
    if (s.size() <= size_t(digits)) s = std::string(size_t(digits) + 1 - s.size(), '0') + s;
    s.insert(s.size() - size_t(digits), ".");
  }
  return (neg ? "-" : "") + s;
}
Rat parse_decimal(const std::string& t) {
  size_t i = 0;
  bool neg = false;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) neg = t[i++] == '-';
  Int num = 0, den = 1;
  bool dot = false, any = false;
  for (; i < t.size(); ++i) {
    if (t[i] == '.' && !dot) { dot = true; continue; }
    if (!std::isdigit((unsigned char)t[i])) throw std::invalid_argument("");
    num = num * 10 + (t[i] - '0');
    if (dot) den *= 10;
    any = true;
  }
  if (!any) throw std::invalid_argument("");
  return Rat(neg ? Int(-num) : num, den);
}
}  // namespace

std::string settings_text(const Settings& s) {
  std::ostringstream os;
  for (size_t k = 0; k < s.size(); ++k) os << (k ? "," : "") << s[k].first << "=" << decimal(s[k].second);
  return os.str();
}

Settings parse_settings(const std::string& text) {
  Settings out;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ',');) {
    const size_t eq = item.find('=');
    try {
      if (eq == std::string::npos || eq == 0) throw std::invalid_argument("");
      size_t pos = 0;
      const int i = std::stoi(item.substr(0, eq), &pos);
      if (pos != eq || i < 0 || !std::isdigit((unsigned char)item[0])) throw std::invalid_argument("");
      if (!out.empty() && i <= out.back().first) throw std::invalid_argument("");
      out.emplace_back(i, parse_decimal(item.substr(eq + 1)));
    } catch (const std::exception&) {
      throw std::invalid_argument("malformed knob setting '" + item + "' (expected N=decimal, numbers increasing)");
    }
  }
  if (out.empty()) throw std::invalid_argument("empty knob settings");
  return out;
}

Rat on_grid(double x, int bits) {
  const double s = std::ldexp(1.0, bits);
  return Rat(Int(static_cast<long long>(std::llround(x * s))), Int(1) << bits);
}

}  // namespace stabcheck::knobs
