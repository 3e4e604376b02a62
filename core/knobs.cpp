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
void Record::add(uint64_t key, double lo, double hi, const Rat& drawn, bool shape) {
  if (seen_.count(key)) return;
  auto& list = shape ? shapes_ : leaves_;
  seen_[key] = list.size();
  list.push_back({key, lo, hi, drawn});
}

Apply::Apply(std::map<uint64_t, Rat> values) : values_(std::move(values)), prev_(g_apply) { g_apply = this; }
Apply::~Apply() { g_apply = prev_; }
const Rat* Apply::find(uint64_t key) const {
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

namespace {
std::optional<Rat> knob_at(uint64_t key, double lo, double hi, const Rat& drawn, bool shape = false) {
  if (g_record) g_record->add(key, lo, hi, drawn, shape);
  if (g_apply)
    if (const Rat* v = g_apply->find(key)) return *v;
  return std::nullopt;
}
}  // namespace

std::optional<Rat> knob(const rc::Random& r, double lo, double hi, const Rat& drawn) {
  if (!g_record && !g_apply) return std::nullopt;
  return knob_at(key_of(r), lo, hi, drawn);
}

int shape(const rc::Random& r, int lo, int hi, int drawn) {
  if (!g_record && !g_apply) return drawn;
  constexpr uint64_t kShapeTag = 0x5348415045ULL;  // "SHAPE": shape keys never meet continuous ones
  auto v = knob_at(key_of(r) ^ kShapeTag, lo, hi, Rat(drawn), true);
  if (!v) return drawn;
  if (*v < lo || *v > hi || boost::multiprecision::denominator(*v) != 1)
    throw std::domain_error("shape knob " + rat_str(*v) + " outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return int(boost::multiprecision::numerator(*v));
}

Rat scalar(const std::string& name, const Rat& lo, const Rat& hi, const Rat& drawn) {
  if ((!g_record && !g_apply) || drawn < lo || drawn > hi) return drawn;
  // the grid of the search must not leave [lo, hi]: the range is rounded inwards to multiples of 2^-10
  const double l = std::ceil(double(lo) * 1024) / 1024, h = std::floor(double(hi) * 1024) / 1024;
  if (!(l < h)) return drawn;
  auto v = knob_at(fnv1a("scalar\x1f" + name), l, h, drawn);
  return v ? *v : drawn;
}

namespace {
std::map<uint64_t, Rat> keyed(const std::vector<Leaf>& leaves, const Settings& s, bool shape) {
  std::map<uint64_t, Rat> out;
  for (const auto& [index, v] : s) {
    if (is_shape(index) != shape) continue;
    const int i = shape ? -index - 1 : index;
    const std::string name = (shape ? "shape knob s" : "knob ") + std::to_string(i);
    if (size_t(i) >= leaves.size())
      throw std::invalid_argument(name + " does not exist (the sample has " + std::to_string(leaves.size()) + ")");
    const Leaf& l = leaves[size_t(i)];
    if (v < Rat(l.lo) || v > Rat(l.hi) || (shape && boost::multiprecision::denominator(v) != 1))
      throw std::invalid_argument(name + " = " + rat_str(v) + " is outside its range [" + rat_str(Rat(l.lo)) + ", " +
                                  rat_str(Rat(l.hi)) + "]" + (shape ? " of integers" : ""));
    out[l.key] = v;
  }
  return out;
}
Settings part(const Settings& s, bool shape) {
  Settings out;
  for (const auto& e : s)
    if (is_shape(e.first) == shape) out.push_back(e);
  return out;
}
}  // namespace

std::map<uint64_t, Rat> by_key(const std::vector<Leaf>& leaves, const Settings& s) { return keyed(leaves, s, false); }
std::map<uint64_t, Rat> shapes_by_key(const std::vector<Leaf>& shapes, const Settings& s) { return keyed(shapes, s, true); }
Settings shape_part(const Settings& s) { return part(s, true); }
Settings value_part(const Settings& s) { return part(s, false); }

Resolved resolve(const std::function<void()>& build, const Settings& s) {
  Resolved out;
  {
    Record rec;
    build();
    out.leaves = rec.leaves();
    out.shapes = rec.shapes();
  }
  out.values = shapes_by_key(out.shapes, s);
  if (!out.values.empty()) {  // stage 2: the continuous leaves of the reshaped sample
    Apply reshaped(out.values);
    Record rec;
    build();
    out.leaves = rec.leaves();
  }
  out.values.merge(by_key(out.leaves, s));
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
  for (size_t k = 0; k < s.size(); ++k) {
    os << (k ? "," : "");
    if (is_shape(s[k].first)) os << "s" << (-s[k].first - 1);
    else os << s[k].first;
    os << "=" << decimal(s[k].second);
  }
  return os.str();
}

Settings parse_settings(const std::string& text) {
  Settings out;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ',');) {
    const size_t eq = item.find('=');
    try {
      if (eq == std::string::npos || eq == 0) throw std::invalid_argument("");
      const bool shape = item[0] == 's';
      const std::string num = item.substr(shape ? 1 : 0, eq - (shape ? 1 : 0));
      if (num.empty() || !std::isdigit((unsigned char)num[0])) throw std::invalid_argument("");
      size_t pos = 0;
      const int j = std::stoi(num, &pos);
      if (pos != num.size() || j < 0) throw std::invalid_argument("");
      const int i = shape ? shape_index(j) : j;
      // shape knobs first, in increasing j (decreasing number), then the others in increasing number
      if (!out.empty()) {
        const int last = out.back().first;
        if (shape ? !(is_shape(last) && i < last) : (!is_shape(last) && i <= last)) throw std::invalid_argument("");
      }
      Rat v = parse_decimal(item.substr(eq + 1));
      if (shape && boost::multiprecision::denominator(v) != 1) throw std::invalid_argument("");
      out.emplace_back(i, v);
    } catch (const std::exception&) {
      throw std::invalid_argument("malformed knob setting '" + item + "' (expected sJ=integer ... then N=decimal, numbers increasing)");
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
