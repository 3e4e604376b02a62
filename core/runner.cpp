#include "core/runner.hpp"
#include "core/hash.hpp"
#include "core/precision.hpp"
#include "core/search.hpp"
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace stabcheck {

namespace {

constexpr int kSize = 100;  // RapidCheck size parameter (our generators are size-independent)
constexpr size_t kSearchStarts = 4;       // samples of a family the search starts from (at least)
constexpr long kEvalsPerStart = 500;      // a larger budget starts from more shapes: one start per 500 points of a family
constexpr size_t kMaxSearchStarts = 64;   // ... up to this many
constexpr double kEqualityLevel = 1e-9;  // relative slack of an equality sample in double (rounding)


/// Why a sample is outside the claim's hypothesis (Claim::hypothesis); "" when inside, or when the claim states none.
std::string outside_hypothesis(const Claim& c, const Sample& s) { return c.hypothesis ? c.hypothesis(s) : std::string(); }

/// A sampled instance outside the claim's hypothesis is a generator's error, never judged.
void require_hypothesis(const Claim& c, const Sample& s, const Origin& o) {
  if (std::string why = outside_hypothesis(c, s); !why.empty())
    throw std::runtime_error("sample " + o.token() + " is outside the claim's hypothesis: " + why);
}

/// The discrete part of a sample, which the search's knobs never change: matrix and family sizes, integer parameters.
std::string shape_of(const Sample& s) {
  std::string t;
  for (const auto& [k, m] : s.mats) t += k + ":" + std::to_string(m.rows()) + "x" + std::to_string(m.cols()) + ";";
  for (const auto& [k, f] : s.families) t += k + ":" + std::to_string(f.size()) + "x" + (f.empty() ? "0" : std::to_string(f[0].rows())) + ";";
  for (const auto& [k, v] : s.ints) t += k + "=" + std::to_string(v) + ";";
  return t;
}

/// Random stream of sample (claim, family, seed, index): the same for every variant of a claim,
/// so that all readings of a claim are judged on the same data.
rc::Random random_for(const Origin& o) {
  uint64_t x = fnv1a(o.claim + "\x1f" + o.family) ^ (o.seed * 0x9E3779B97F4A7C15ULL) ^ (uint64_t(o.index) << 1);
  rc::Random::Key k{splitmix64(x), splitmix64(x), splitmix64(x), splitmix64(x)};
  return rc::Random(k);
}

rc::Shrinkable<Sample> shrinkable_for(const Claim& c, const Origin& o) {
  return c.family(o.family).gen(random_for(o), kSize);
}

// Shrink path: non-negative steps index RapidCheck's shrink tree; a negative step -(k+1) applies the
// family's k-th reduction (written "xk" in tokens), after which only reductions follow.
Sample follow(const Family& fam, rc::Shrinkable<Sample> s, const std::vector<int>& path) {
  std::optional<Sample> reduced;
  for (int step : path) {
    if (step < 0) {
      Sample base = reduced ? *reduced : s.value();
      auto opts = fam.reduce ? fam.reduce(base) : std::vector<Sample>{};
      size_t k = size_t(-step - 1);
      if (k >= opts.size()) throw std::invalid_argument("replay token: reduction step out of range");
      reduced = std::move(opts[k]);
      continue;
    }
    if (reduced) throw std::invalid_argument("replay token: shrink step after a reduction");
    auto seq = s.shrinks();
    bool found = false;
    for (int i = 0;; ++i) {
      auto next = seq.next();
      if (!next) break;
      if (i == step) { s = std::move(*next); found = true; break; }
    }
    if (!found) throw std::invalid_argument("replay token: shrink path leaves the shrink tree");
  }
  return reduced ? *reduced : s.value();
}

template <class R> R abs_(const R& x) { using std::abs; return abs(x); }

template <class R> R raw_slack(Rel rel, const Sides<R>& s) {
  switch (rel) {
    case Rel::Le: return s.rhs - s.lhs;
    case Rel::Ge: return s.lhs - s.rhs;
    case Rel::Eq: return -abs_(R(s.lhs - s.rhs));
  }
  return R(0);
}
template <class R> R scale_of(const Sides<R>& s) {
  if (s.scale) return abs_(*s.scale);
  R a = abs_(s.lhs), b = abs_(s.rhs);
  return a > b ? a : b;
}
template <class R> double rel_of(const R& slack, const R& scale) {
  double sl = double(slack), sc = double(scale);
  if (std::isnan(sl) || std::isnan(sc)) return std::numeric_limits<double>::quiet_NaN();
  if (sc > 0 && std::isfinite(sc)) return double(R(slack / scale));
  if (sl == 0) return 0.0;
  return sl > 0 ? INFINITY : -INFINITY;
}

double tol_for(unsigned digits) { return std::pow(10.0, -0.6 * double(digits)); }

std::string dstr(double x) {
  std::ostringstream os;
  os.precision(17);
  os << x;
  return os.str();
}

struct Screened { double rel = 0; bool nan = false; std::string lhs, rhs; double l = 0, r = 0; };

Screened screen(const Variant& v, const Sample& s) {
  Screened out;
  auto sd = v.eval.screen(s);
  double sl = raw_slack(v.rel, sd), sc = scale_of(sd);
  out.rel = rel_of(sl, sc);
  out.nan = std::isnan(out.rel) || std::isnan(sd.lhs) || std::isnan(sd.rhs);
  out.lhs = dstr(sd.lhs);
  out.rhs = dstr(sd.rhs);
  out.l = sd.lhs;
  out.r = sd.rhs;
  return out;
}

struct Decided { double rel = 0; bool violated = false, nan = false; std::string lhs, rhs, slack; };

/// Evaluate at the current Mpfr precision `d`.
Decided decide(const Variant& v, const Sample& s, unsigned d) {
  Decided out;
  auto sm = v.eval.decide(s);
  Mpfr sl = raw_slack(v.rel, sm), sc = scale_of(sm);
  out.nan = boost::multiprecision::isnan(sl) || boost::multiprecision::isnan(sc);
  out.rel = rel_of(sl, sc);
  out.violated = !out.nan && sl < -Mpfr(tol_for(d)) * sc;
  if (!out.nan && sc == 0 && sl < 0) out.violated = true;
  out.lhs = mpfr_str(sm.lhs, int(d));
  out.rhs = mpfr_str(sm.rhs, int(d));
  out.slack = mpfr_str(sc > 0 ? Mpfr(sl / sc) : sl, 20);
  return out;
}

/// One attempt of the exact tier at `bits`; `refinable`: the slack's enclosure is finite, so more bits may decide it
/// (an indeterminate enclosure or a failed exact tier does not improve with precision).
struct Attempt {
  Certificate c;
  bool refinable = false;
};

Attempt certify_at(const Variant& v, const Sample& s, long bits) {
  AtPrecision at({.bits = bits});
  Attempt a;
  Certificate& c = a.c;
  c.bits = bits;
  try {
    auto sb = v.eval.certify(s);
    Ball diff = sb.lhs - sb.rhs;
    Ball sl = v.rel == Rel::Le ? Ball(sb.rhs - sb.lhs) : v.rel == Rel::Ge ? Ball(sb.lhs - sb.rhs) : -abs(diff);
    bool exact = sb.lhs.is_exact() && sb.rhs.is_exact();
    c.method = exact ? "exact rational arithmetic" : "rigorous ball arithmetic (Arb, " + std::to_string(bits) + " bits)";
    if (v.rel == Rel::Eq) {
      c.certified = !diff.contains_zero();
      c.cleared = exact && diff.is_exact() && diff.contains_zero();
    } else {
      c.certified = sl.certainly_negative();
      c.cleared = sl.certainly_nonnegative();
    }
    if (sb.cmp && !c.certified && !c.cleared) {  // the exact tier knows the sign that the enclosures cannot show
      int sign = v.rel == Rel::Le ? *sb.cmp : v.rel == Rel::Ge ? -*sb.cmp : (*sb.cmp == 0 ? 0 : -1);
      c.certified = sign < 0;
      c.cleared = sign >= 0;
      c.method = std::string("exact decision (rational arithmetic: ") + (sign == 0 ? "the sides are equal" : sign < 0 ? "violated" : "holds") +
                 "), enclosures at " + std::to_string(bits) + " bits";
    }
    c.lhs = sb.lhs.str(30);
    c.rhs = sb.rhs.str(30);
    c.slack = sl.str(30);
    a.refinable = sl.is_finite();
    if (!a.refinable) c.method += ": the slack's enclosure is not finite";
  } catch (const std::exception& e) {
    c.method = std::string("the exact tier failed: ") + e.what();
  }
  return a;
}

unsigned cond_of(const Variant& v, const Sample& s) {
  if (!v.eval.conditioning) return 1;
  try {
    return std::clamp(v.eval.conditioning(s), 1u, 16u);
  } catch (const std::exception&) {
    return 1;
  }
}

/// Decision at effective precision D (working digits D x the sample's conditioning), for serial callers.
Decided decide_serial(const Variant& v, const Sample& s, unsigned D) {
  AtPrecision at({.digits = D * cond_of(v, s)});
  return decide(v, s, D);
}

template <class F> void parallel_for(size_t n, int jobs, F fn) {
  if (jobs <= 1 || n < 2) { for (size_t i = 0; i < n; ++i) fn(i); return; }
  std::atomic<size_t> next{0};
  std::vector<std::thread> ts;
  std::exception_ptr err;
  std::mutex m;
  for (int t = 0; t < jobs; ++t)
    ts.emplace_back([&] {
      for (size_t i; (i = next++) < n;) {
        try { fn(i); } catch (...) { std::lock_guard<std::mutex> g(m); if (!err) err = std::current_exception(); }
      }
    });
  for (auto& t : ts) t.join();
  if (err) std::rethrow_exception(err);
}

/// Decision of many samples at effective precision D, in parallel: grouped by conditioning, each group at its own
/// working precision (the Mpfr precision is global, so it changes only between parallel phases).
std::vector<Decided> decide_all(const Variant& v, const std::vector<const Sample*>& ss, unsigned D, int jobs) {
  std::vector<unsigned> m(ss.size());
  for (size_t i = 0; i < ss.size(); ++i) m[i] = cond_of(v, *ss[i]);
  std::vector<unsigned> levels(m);
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  std::vector<Decided> out(ss.size());
  for (unsigned k : levels) {
    std::vector<size_t> idx;
    for (size_t i = 0; i < ss.size(); ++i) if (m[i] == k) idx.push_back(i);
    AtPrecision at({.digits = D * k});
    parallel_for(idx.size(), jobs, [&](size_t j) { out[idx[j]] = decide(v, *ss[idx[j]], D); });
  }
  return out;
}

}  // namespace

Certificate judge(const Variant& v, const Sample& s, unsigned digits2) {
  long bits = Precision::bits_for_digits(digits2);
  Attempt a;
  for (int k = 0; k < 3; ++k, bits *= 4) {
    a = certify_at(v, s, bits);
    if (a.c.certified || a.c.cleared || !a.refinable) break;
  }
  if (a.refinable && !a.c.certified && !a.c.cleared)
    a.c.method = "rigorous ball arithmetic (Arb, up to " + std::to_string(a.c.bits) + " bits): the slack's enclosure contains 0";
  return a.c;
}

std::string slack_text(const Evaluated& e) {
  if (e.tier == "exact" && e.rel_slack == 0) return "0 (exact tier: no violation)";
  if (e.rel_slack == 0 && !e.slack.empty() && e.slack[0] == '-') return "0 within rounding (measured " + short_decimal(e.slack, 2) + ")";
  return short_decimal(e.slack, 6);
}

std::string min_slack_text(const VariantResult& r) {
  return r.counterexample ? slack_text(*r.counterexample) : r.tightest ? slack_text(*r.tightest) : "";
}

std::string best_constant_text(const VariantResult& r) {
  if (!r.best_constant) return "";
  const auto& b = *r.best_constant;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", b.ratio);
  return b.verdict + "; " + b.extremum + " lhs/rhs = " + buf + " over " + std::to_string(b.samples) + " samples";
}

std::string verdict_text(const VariantResult& r) {
  if (r.verdict == Verdict::Refuted && !r.certified) return "refuted (" + r.reason + ")";
  return verdict_str(r.verdict);
}

std::string strength_text(const VariantResult& r) {
  if (r.verdict != Verdict::Holds) return verdict_text(r);
  if (r.search && r.search->searched > 0)
    return "holds after adversarial search (" + std::to_string(r.search->evaluations) + " points, " + std::to_string(r.search->searched) + "/" +
           std::to_string(r.search->families) + " families with knobs)";
  return "holds on samples";
}

std::string Origin::token() const {
  std::ostringstream os;
  os << claim << "/" << variant << "/" << family << "/" << seed << "/" << index;
  if (!knobs.empty()) os << "~" << knobs::settings_text(knobs);
  if (!shrink_path.empty()) {
    os << "/";
    for (size_t i = 0; i < shrink_path.size(); ++i) {
      os << (i ? "." : "");
      if (shrink_path[i] < 0) os << "x" << (-shrink_path[i] - 1);
      else os << shrink_path[i];
    }
  }
  return os.str();
}

Origin Origin::parse(const std::string& token) {
  std::vector<std::string> parts;
  std::stringstream ss(token);
  for (std::string p; std::getline(ss, p, '/');) parts.push_back(p);
  if (parts.size() < 5 || parts.size() > 6)
    throw std::invalid_argument("malformed replay token '" + token + "' (expected CLAIM/variant/family/seed/index[~knobs][/shrink.path])");
  Origin o;
  o.claim = parts[0];
  o.variant = parts[1];
  o.family = parts[2];
  try {
    size_t pos = 0;
    o.seed = std::stoull(parts[3], &pos);
    if (pos != parts[3].size()) throw std::invalid_argument("");
    const size_t tilde = parts[4].find('~');
    const std::string idx = parts[4].substr(0, tilde);
    o.index = std::stol(idx, &pos);
    if (pos != idx.size() || o.index < 0 || !std::isdigit((unsigned char)idx[0])) throw std::invalid_argument("");
    if (tilde != std::string::npos) o.knobs = knobs::parse_settings(parts[4].substr(tilde + 1));
    if (parts.size() == 6) {
      std::stringstream ps(parts[5]);
      for (std::string p; std::getline(ps, p, '.');) {
        bool red = !p.empty() && p[0] == 'x';
        std::string num = red ? p.substr(1) : p;
        if (num.empty() || !std::isdigit((unsigned char)num[0])) throw std::invalid_argument("");
        int k = std::stoi(num, &pos);
        if (pos != num.size() || k < 0) throw std::invalid_argument("");
        o.shrink_path.push_back(red ? -(k + 1) : k);
      }
    }
  } catch (const std::exception&) {
    throw std::invalid_argument("malformed replay token '" + token + "' (seed, index and shrink path must be non-negative integers)");
  }
  return o;
}

namespace {
/// The scope that gives an origin's knobs their values (none without knobs): the leaves are listed on the unmodified
/// sample, then set by number. Shrinkables of the sample must be evaluated inside it.
std::unique_ptr<knobs::Apply> knob_scope(const Family& fam, const Origin& o) {
  if (o.knobs.empty()) return nullptr;
  return std::make_unique<knobs::Apply>(knobs::resolve([&] { fam.gen(random_for(o), kSize).value(); }, o.knobs).values);
}
}  // namespace

Sample regenerate(const Claim& c, const Origin& o) {
  const Family& fam = c.family(o.family);
  auto scope = knob_scope(fam, o);
  return follow(fam, shrinkable_for(c, o), o.shrink_path);
}
Sample regenerate(const Origin& o) { return regenerate(find_claim(o.claim), o); }

namespace {
// Glob match: '*' any run, '?' any character, '[...]' a class with ranges (e.g. [2-6]); '[!...]' negates.
bool glob(const char* p, const char* s) {
  for (; *p; ++p, ++s) {
    if (*p == '*') {
      for (const char* t = s;; ++t) {
        if (glob(p + 1, t)) return true;
        if (!*t) return false;
      }
    }
    if (!*s) return false;
    if (*p == '?') continue;
    if (*p == '[') {
      const char* q = p + 1;
      bool neg = *q == '!', hit = false;
      if (neg) ++q;
      for (; *q && *q != ']'; ++q) {
        if (q[1] == '-' && q[2] && q[2] != ']') { hit |= (*s >= *q && *s <= q[2]); q += 2; }
        else hit |= *q == *s;
      }
      if (!*q) return false;  // unterminated class matches nothing
      if (hit == neg) return false;
      p = q;
      continue;
    }
    if (*p != *s) return false;
  }
  return !*s;
}
}  // namespace

bool id_matches(const std::string& id, const std::string& pattern) {
  std::stringstream ss(pattern);
  for (std::string p; std::getline(ss, p, ',');)
    if (glob(p.c_str(), id.c_str())) return true;
  return false;
}

namespace {

/// Greedy shrinking of a violation: along the family's RapidCheck shrink tree, then by its structure-preserving
/// reductions, keeping a candidate when `violates` holds. Returns the shrunk sample and extends `o.shrink_path`.
template <class Pred>
Sample shrink_violation(const Claim& c, const Family& fam, Origin& o, Pred violates, int max_evals, VariantResult& r) {
  long evals = 0;
  // A point of the search: first its knobs, each back to the drawn value or to the coarsest grid that stays violated.
  for (size_t k = 0; k < o.knobs.size() && o.shrink_path.empty() && evals < max_evals;) {
    bool dropped = false;
    std::vector<Rat> tries;
    for (int bits = 0; bits < kGridBits; ++bits) {
      Rat q = knobs::on_grid(double(o.knobs[k].second), bits);
      if (q != o.knobs[k].second && (tries.empty() || q != tries.back())) tries.push_back(q);
    }
    Origin without = o;
    without.knobs.erase(without.knobs.begin() + long(k));
    ++evals;
    try { dropped = violates(regenerate(c, without)); } catch (const std::exception&) {}
    if (dropped) { o = without; ++r.shrink_steps; continue; }
    for (const Rat& q : tries) {
      if (evals >= max_evals) break;
      Origin coarser = o;
      coarser.knobs[k].second = q;
      ++evals;
      bool ok = false;
      try { ok = violates(regenerate(c, coarser)); } catch (const std::exception&) {}
      if (ok) { o = coarser; ++r.shrink_steps; break; }
    }
    ++k;
  }
  auto scope = knob_scope(fam, o);
  auto cur = fam.gen(random_for(o), kSize);
  bool progress = true;
  while (progress && evals < max_evals) {
    progress = false;
    auto seq = cur.shrinks();
    for (int i = 0; evals < max_evals; ++i) {
      auto next = seq.next();
      if (!next) break;
      ++evals;
      if (violates(next->value())) {
        cur = std::move(*next);
        o.shrink_path.push_back(i);
        ++r.shrink_steps;
        progress = true;
        break;
      }
    }
  }
  Sample s = cur.value();
  for (bool more = bool(fam.reduce); more && evals < max_evals;) {
    more = false;
    auto opts = fam.reduce(s);
    for (size_t k = 0; k < opts.size() && evals < max_evals; ++k) {
      ++evals;
      if (violates(opts[k])) {
        s = std::move(opts[k]);
        o.shrink_path.push_back(-int(k) - 1);
        ++r.shrink_steps;
        more = true;
        break;
      }
    }
  }
  r.shrink_evals += evals;
  return s;
}

}  // namespace

std::vector<std::string> families_of(const Claim& c, const Variant& v, const RunOptions& opt) {
  std::vector<std::string> own;  // the variant's list, each pattern expanded to the families not listed before it
  for (const auto& f : v.families) {
    if (f.find_first_of("*?[") == std::string::npos) {
      own.push_back(f);
      continue;
    }
    bool matched = false;
    for (const auto& cf : c.families)
      if (glob(f.c_str(), cf.name.c_str())) {
        matched = true;
        if (std::find(own.begin(), own.end(), cf.name) == own.end()) own.push_back(cf.name);
      }
    if (!matched) throw std::invalid_argument("claim " + c.id + ", variant " + v.slug + ": no family matches '" + f + "'");
  }
  if (v.families.empty())
    for (const auto& cf : c.families) own.push_back(cf.name);
  std::vector<std::string> out;
  for (const auto& f : own) if (id_matches(f, opt.families)) out.push_back(f);
  return out;
}

namespace {

/// Where a statistical estimate stands against its bound (Statistical): 1 consistent, -1 violated, 0 undecided; and
/// the margin of the interval's far end, relative to the larger of |bound| and |point| (1 if both are 0).
std::pair<int, double> stat_position(Rel rel, const Estimate& e) {
  const double m = std::max(std::abs(e.bound), std::abs(e.point)), sc = m > 0 ? m : 1.0;
  switch (rel) {
    case Rel::Le: return {e.hi <= e.bound ? 1 : e.lo > e.bound ? -1 : 0, (e.bound - e.hi) / sc};
    case Rel::Ge: return {e.lo >= e.bound ? 1 : e.hi < e.bound ? -1 : 0, (e.lo - e.bound) / sc};
    case Rel::Eq: break;
  }
  const bool in = e.lo <= e.bound && e.bound <= e.hi;
  return {in ? 1 : -1, std::min(e.bound - e.lo, e.hi - e.bound) / sc};
}

std::string estimate_text(const Estimate& e) {
  return dstr(e.point) + " in [" + dstr(e.lo) + ", " + dstr(e.hi) + "]";
}

/// The extremal ratio lhs/rhs of a bound (<= : sup, >= : inf) over the screened samples with rhs > 0 and a finite
/// ratio; none for == or when every lhs (or every rhs) is 0 (an order written as 0 <= f: no constant to find).
struct RatioTracker {
  Rel rel;
  bool any_lhs = false, any_rhs = false;
  long n = 0;
  double best = NAN;
  std::optional<std::pair<Origin, Sample>> at;
  void add(const Origin& o, const Sample& s, double l, double r) {
    if (rel == Rel::Eq || !std::isfinite(l) || !std::isfinite(r)) return;
    any_lhs = any_lhs || l != 0;
    any_rhs = any_rhs || r != 0;
    if (!(r > 0)) return;
    const double q = l / r;
    if (!std::isfinite(q)) return;
    ++n;
    if (std::isnan(best) || (rel == Rel::Le ? q > best : q < best)) { best = q; at = {o, s}; }
  }
};

/// Under the claim's declared scaling, the exponent e with lhs/rhs(s) = q s^e at the sample: e is read off s = 2 as a
/// multiple of 1/2 and must hold at s = 1/2 and s = 3 to half the working digits (a ratio that is not a power of s,
/// a scaled sample outside the claim's hypotheses or outside every tier's domain: none). Only for q > 0.
std::optional<double> growth_exponent(const Claim& c, const Variant& v, const Sample& s, const Mpfr& q) {
  if (!c.scaling || !(q > 0)) return std::nullopt;
  auto ratio_at = [&](const Rat& t) -> std::optional<Mpfr> {
    const Sample st = c.scaling.apply(s, t);
    if (!outside_hypothesis(c, st).empty()) return std::nullopt;
    const Sides<Mpfr> sm = v.eval.decide(st);
    if (!(sm.rhs > 0) || !(sm.lhs > 0)) return std::nullopt;
    return Mpfr(sm.lhs / sm.rhs);
  };
  const auto q2 = ratio_at(Rat(2));
  if (!q2) return std::nullopt;
  const double e = std::round(2 * double(log2(Mpfr(*q2 / q)))) / 2;
  if (e == 0) return std::nullopt;
  const Mpfr tol = pow(Mpfr(10), -int(digits() / 2));
  const auto fits = [&](const std::optional<Mpfr>& qt, const Mpfr& t) {
    return qt && abs(Mpfr(*qt / (q * pow(t, Mpfr(e)))) - 1) <= tol;
  };
  // s = 2 checks that e, rounded to a multiple of 1/2, is exact there; 1/2 and 3 that the power law holds elsewhere
  if (!fits(q2, Mpfr(2)) || !fits(ratio_at(Rat(1, 2)), Mpfr(1) / 2) || !fits(ratio_at(Rat(3)), Mpfr(3))) return std::nullopt;
  return e;
}

/// "s^-12", and "s^-12 (s^-2k at k = 6)" when the sample's k divides the exponent.
std::string growth_text(double e, const Sample& s) {
  auto num = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return std::string(buf);
  };
  std::string out = "s^" + num(e);
  const auto k = s.ints.find("k");
  if (k == s.ints.end() || k->second < 1 || std::fmod(e, double(k->second)) != 0) return out;
  const double m = e / double(k->second);  // e = m k: "s^-2k", "s^k", "s^-k"
  return out + " (s^" + (m == 1 ? "" : m == -1 ? "-" : num(m)) + "k at k = " + std::to_string(k->second) + ")";
}

/// The tracked extremum re-evaluated at D digits, and what it says of the constant.
std::optional<VariantResult::BestConstant> best_constant_of(const Claim& c, const Variant& v, const RatioTracker& t, unsigned D) {
  if (!t.at || !t.any_lhs || !t.any_rhs) return std::nullopt;
  VariantResult::BestConstant b;
  b.extremum = v.rel == Rel::Le ? "sup" : "inf";
  b.origin = t.at->first;
  b.sample = t.at->second;
  b.samples = t.n;
  Mpfr q;
  std::optional<double> growth;
  try {
    AtPrecision at({.digits = D * cond_of(v, b.sample)});
    const Sides<Mpfr> sm = v.eval.decide(b.sample);
    if (!(sm.rhs > 0)) return std::nullopt;
    q = Mpfr(sm.lhs / sm.rhs);
    b.ratio = double(q);
    b.ratio_text = mpfr_str(q, 20);
    try {
      growth = growth_exponent(c, v, b.sample, q);
    } catch (const std::exception&) {  // a scaled sample outside a tier's domain: no growth is claimed
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const bool one = abs(q - 1) <= Mpfr(tol_for(D));
  const bool within = v.rel == Rel::Le ? q <= 1 : q >= 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.8g", b.ratio);  // for readers; ratio_text keeps 20 digits
  const std::string r = buf;
  if (growth) {
    // The direction of s in which the bound fails: the ratio grows (<=) or falls to 0 (>=).
    const bool grows = v.rel == Rel::Le;
    const std::string to = (*growth < 0) == grows ? "s -> 0" : "s -> infinity";
    b.growth = growth_text(*growth, b.sample);
    b.verdict = std::string(grows ? "unbounded: the ratio grows like " : "no positive constant: the ratio falls to 0 like ") + b.growth +
                " under " + c.scaling.text + " as " + to;
    return b;
  }
  if (one) b.verdict = "tight: ratio 1 attained (to " + std::to_string(D) + " digits)";
  else if (within) b.verdict = std::string(v.rel == Rel::Le ? "loose: ratio at most " : "loose: ratio at least ") + r + " found";
  else b.verdict = std::string("holds at best with K ") + (v.rel == Rel::Le ? ">= " : "<= ") + r;
  return b;
}

/// A Monte Carlo variant: every sample's estimate against its bound (Statistical); no shrinking (each evaluation is a
/// whole Monte Carlo experiment) and never a certificate.
void run_statistical(const Claim& c, const Variant& v, const RunOptions& opt, VariantResult& r) {
  const int n = v.samples_per_family > 0 ? v.samples_per_family : opt.samples;
  const std::vector<std::string> fams = families_of(c, v, opt);
  long undecided = 0, errors = 0;
  std::string first_undecided, first_error;
  for (const auto& fname : fams) {
    const Family& fam = c.family(fname);
    auto origin = [&](long i) { return Origin{c.id, v.slug, fam.name, opt.seed, i, {}}; };
    std::vector<Sample> samples(static_cast<size_t>(n));
    std::vector<Estimate> est(static_cast<size_t>(n));
    std::vector<std::string> errs(static_cast<size_t>(n));
    std::vector<SampleFeatures> feats(static_cast<size_t>(n));
    parallel_for(size_t(n), opt.jobs, [&](size_t i) {
      try {
        samples[i] = fam.gen(random_for(origin(long(i))), kSize).value();
        require_hypothesis(c, samples[i], origin(long(i)));
        feats[i] = features_of(samples[i]);
        est[i] = v.statistical.estimate(samples[i]);
      } catch (const std::exception& e) {
        errs[i] = e.what();
      }
    });
    auto& h = r.coverage.slack[fam.name];
    for (size_t i = 0; i < size_t(n); ++i) {
      r.coverage.add(feats[i]);
      if (!errs[i].empty()) { ++errors; if (first_error.empty()) first_error = errs[i]; h.add(NAN, false); continue; }
      const auto [pos, rel] = stat_position(v.rel, est[i]);
      h.add(rel, pos < 0);
      if (std::abs(rel) <= kNearEquality) ++r.coverage.near_equality;
      const Evaluated e{origin(long(i)), samples[i], estimate_text(est[i]), dstr(est[i].bound), rel, dstr(rel), "monte carlo"};
      if (pos < 0) {
        ++r.violations;
        if (!r.counterexample) r.counterexample = e;
      } else if (pos == 0) {
        if (!undecided++) first_undecided = e.origin.token() + " (estimate " + e.lhs + ", bound " + e.rhs + ")";
      } else if (!r.tightest || rel < r.tightest->rel_slack) {
        r.tightest = e;
      }
    }
    r.per_family[fam.name] = n;
    r.samples += n;
  }
  if (r.counterexample) {
    r.verdict = Verdict::Refuted;
    r.certified = false;
    r.reason = "uncertified: statistical evidence (" + v.statistical.method + "): the confidence interval excludes the bound";
  } else if (errors > 0) {
    r.verdict = Verdict::Inconclusive;
    r.reason = std::to_string(errors) + " sample(s) could not be evaluated; first: " + first_error;
  } else if (undecided > 0) {
    r.verdict = Verdict::Inconclusive;
    r.reason = std::to_string(undecided) + " sample(s) whose confidence interval (" + v.statistical.method +
               ") contains the bound; first: " + first_undecided;
  } else {
    r.verdict = Verdict::Holds;
  }
}

}  // namespace

VariantResult result_of(const Claim& c, const Variant& v) {
  VariantResult r;
  r.claim = c.id;
  r.variant = v.slug;
  r.source = c.source;
  r.claim_statement = c.statement;
  r.statement = v.statement;
  r.relation = rel_str(v.rel);
  r.note = v.note;
  return r;
}

VariantResult run_variant(const Claim& c, const Variant& v, const RunOptions& opt) {
  auto t0 = std::chrono::steady_clock::now();
  VariantResult r = result_of(c, v);
  r.digits = opt.digits;
  r.seed = opt.seed;
  if (v.statistical.estimate) {
    run_statistical(c, v, opt, r);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
  }
  if (!v.eval.screen) {
    r.verdict = Verdict::NotCheckable;
    r.reason = v.not_checkable_reason;
    return r;
  }
  const unsigned D = opt.digits, D2 = 2 * opt.digits;
  const int n = v.samples_per_family > 0 ? v.samples_per_family : opt.samples;
  const std::vector<std::string> fams = families_of(c, v, opt);
  // The search's starts per family: the tightest sample of each shape, more shapes with a larger budget (the violation
  // may need a shape, d, n, B or k, that no knob reaches).
  const long search_per_family = fams.empty() ? 0 : std::max<long>(10, opt.search_budget / long(fams.size()));
  const size_t max_starts = std::clamp<size_t>(size_t(search_per_family / kEvalsPerStart), kSearchStarts, kMaxSearchStarts);

  bool refuted = false;
  RatioTracker ratio{v.rel};
  std::optional<Evaluated> tight;
  long errors = 0;
  std::string first_error, first_undecided;
  auto consider_tight = [&](const Origin& o, const Sample& s, double rel, const std::string& lhs, const std::string& rhs,
                            const std::string& slack, const std::string& tier) {
    if (std::isnan(rel)) return;
    if (!tight || rel < tight->rel_slack) tight = Evaluated{o, s, lhs, rhs, rel, slack, tier};
  };
  // A violation that the exact tier certifies becomes the counterexample: shrunk while it stays violated at D digits,
  // certified on the shrunk sample (or, if that one is not certified, shrunk again keeping only certified samples).
  // Without rigorous enclosures for some atom (v.eval.no_enclosure), a violation confirmed at 2D digits is reported as
  // an uncertified refutation.
  auto establish = [&](const Origin& found, bool certified) {
    const Family& fam = c.family(found.family);
    auto violated_at_D = [&](const Sample& s) {
      try {
        if (!outside_hypothesis(c, s).empty()) return false;
        Screened sc = screen(v, s);
        if (!sc.nan && sc.rel >= opt.screen_tol) return false;
        return decide_serial(v, s, D).violated;
      } catch (const std::exception&) { return false; }
    };
    Origin o = found;
    Sample s = shrink_violation(c, fam, o, violated_at_D, opt.max_shrink_evals, r);
    Decided fin = decide_serial(v, s, D2);
    Certificate cert = fin.violated ? judge(v, s, D2) : Certificate{};  // a shrunk sample may be certifiable when the found one was not
    if (certified && !cert.certified) {  // the shrunk sample is not certified: shrink again, keeping certified samples only
      o = found;
      s = shrink_violation(c, fam, o, [&](const Sample& x) { return violated_at_D(x) && judge(v, x, D2).certified; },
                           opt.max_shrink_evals / 3, r);
      fin = decide_serial(v, s, D2);
      cert = judge(v, s, D2);
    }
    if ((!fin.violated || cert.cleared) && !cert.certified) {  // the shrunk sample is no violation (D and 2D disagree, or cleared): the found one
      o = found;
      s = regenerate(c, o);
      fin = decide_serial(v, s, D2);
      cert = judge(v, s, D2);
    }
    r.counterexample = Evaluated{o, s, fin.lhs, fin.rhs, fin.rel, fin.slack, "mpfr" + std::to_string(D2)};
    r.certificate = cert;
    r.certified = cert.certified;
    r.verdict = Verdict::Refuted;
    if (!r.certified) r.reason = "uncertified: " + v.eval.no_enclosure;
    refuted = true;
  };

  std::map<std::string, std::vector<long>> tightest_of;  // per family: the samples the search starts from
  size_t fi = 0;
  for (const auto& fname : fams) {
    ++fi;
    const Family& fam = c.family(fname);
    std::vector<Sample> samples(static_cast<size_t>(n));
    std::vector<Screened> scr(static_cast<size_t>(n));
    std::vector<std::string> errs(static_cast<size_t>(n));
    std::vector<SampleFeatures> feats(static_cast<size_t>(n));
    auto origin = [&](long i) { return Origin{c.id, v.slug, fam.name, opt.seed, i, {}}; };
    // Stage 1, sample and screen: exact samples, both sides in double.
    parallel_for(size_t(n), opt.jobs, [&](size_t i) {
      try {
        samples[i] = fam.gen(random_for(origin(long(i))), kSize).value();
        require_hypothesis(c, samples[i], origin(long(i)));
        feats[i] = features_of(samples[i]);
        scr[i] = screen(v, samples[i]);
      } catch (const std::exception& e) {
        errs[i] = e.what();
      }
    });
    // Coverage: the most precise slack computed for each sample (double here, D digits if decided below).
    std::vector<double> best(static_cast<size_t>(n));
    std::vector<char> negative(static_cast<size_t>(n), 0);
    for (size_t i = 0; i < size_t(n); ++i) {
      r.coverage.add(feats[i]);
      best[i] = !errs[i].empty() || scr[i].nan ? NAN : scr[i].rel;
      negative[i] = best[i] < -opt.screen_tol;  // replaced by the decision when the sample is decided
    }
    auto tally = [&] {
      auto& h = r.coverage.slack[fam.name];
      for (size_t i = 0; i < size_t(n); ++i) {
        h.add(best[i], negative[i]);
        if (std::abs(best[i]) <= kNearEquality) ++r.coverage.near_equality;
      }
      // the search's starts: the tightest sample of each shape (dimensions and integer parameters), tightest first
      std::vector<long> idx;
      for (size_t i = 0; i < size_t(n); ++i) if (std::isfinite(best[i])) idx.push_back(long(i));
      std::sort(idx.begin(), idx.end(), [&](long a, long b) {
        return best[size_t(a)] < best[size_t(b)] || (best[size_t(a)] == best[size_t(b)] && a < b);
      });
      std::vector<long> starts;
      std::set<std::string> shapes;
      for (long i : idx) {  // at most one start at equality (|slack| at rounding level: the search would chase rounding)
        if (starts.size() == max_starts) break;
        const bool at_equality = std::abs(best[size_t(i)]) < kEqualityLevel;
        if (at_equality && !starts.empty() && std::abs(best[size_t(starts[0])]) < kEqualityLevel) continue;
        if (shapes.insert(shape_of(samples[size_t(i)])).second) starts.push_back(i);
      }
      tightest_of[fam.name] = starts;
    };
    r.per_family[fam.name] = n;
    r.samples += n;
    std::vector<size_t> flagged;
    for (size_t i = 0; i < size_t(n); ++i) {
      if (!errs[i].empty()) { ++errors; if (first_error.empty()) first_error = errs[i]; continue; }
      if (!scr[i].nan) ratio.add(origin(long(i)), samples[i], scr[i].l, scr[i].r);
      if (scr[i].nan || scr[i].rel < opt.screen_tol) flagged.push_back(i);
      else consider_tight(origin(long(i)), samples[i], scr[i].rel, scr[i].lhs, scr[i].rhs, dstr(scr[i].rel), "double");
    }
    r.screened_close += long(flagged.size());
    if (opt.progress)
      opt.progress(c.id + " " + v.slug + ": family " + std::to_string(fi) + "/" + std::to_string(fams.size()) + " (" + fam.name + ")");
    if (refuted) { tally(); continue; }  // refuted already: later families are screened only
    // Stage 2, decide: the flagged samples at D digits (times their conditioning).
    std::vector<const Sample*> fs;
    for (size_t i : flagged) fs.push_back(&samples[i]);
    std::vector<Decided> dec = decide_all(v, fs, D, opt.jobs);
    std::vector<size_t> viol;
    for (size_t k = 0; k < flagged.size(); ++k) {
      size_t i = flagged[k];
      best[i] = dec[k].nan ? NAN : dec[k].rel;
      negative[i] = dec[k].violated;
      if (dec[k].violated) viol.push_back(k);
      else if (dec[k].nan) { ++errors; if (first_error.empty()) first_error = "NaN at " + std::to_string(D) + " digits: " + origin(long(i)).token(); }
      else consider_tight(origin(long(i)), samples[i], dec[k].rel < 0 ? 0.0 : dec[k].rel,  // within tolerance: equality
                          dec[k].lhs, dec[k].rhs, dec[k].slack, "mpfr" + std::to_string(D));
    }
    // Stage 3, confirm: the violations again at 2D digits.
    std::vector<const Sample*> vs;
    for (size_t k : viol) vs.push_back(&samples[flagged[k]]);
    std::vector<Decided> conf = decide_all(v, vs, D2, opt.jobs);
    // Stage 4, judge: the exact tier decides every violation (confirmed ones first, then those seen at D only) until
    // one is certified; a violation it clears was a rounding error of the multiprecision tier.
    std::vector<size_t> order;
    for (size_t k = 0; k < viol.size(); ++k) if (conf[k].violated) order.push_back(k);
    for (size_t k = 0; k < viol.size(); ++k) if (!conf[k].violated) order.push_back(k);
    for (size_t k : order) {
      size_t i = flagged[viol[k]];
      const bool confirmed = conf[k].violated;
      if (refuted) { if (confirmed) ++r.violations; else ++r.unstable; continue; }
      Certificate cert = judge(v, samples[i], D2);
      if (cert.certified) {
        ++r.violations;
        establish(origin(long(i)), true);
      } else if (cert.cleared) {
        ++r.cleared;
        best[i] = 0.0;
        negative[i] = 0;
        consider_tight(origin(long(i)), samples[i], 0.0, cert.lhs, cert.rhs, "0", "exact");
      } else if (!confirmed) {
        ++r.unstable;
      } else if (!v.eval.no_enclosure.empty()) {
        ++r.violations;
        establish(origin(long(i)), false);
      } else {
        ++r.undecided;
        if (first_undecided.empty())
          first_undecided = origin(long(i)).token() + " (slack " + conf[k].slack + " at " + std::to_string(D2) + " digits; enclosure " + cert.slack +
                            ", " + cert.method + ")";
      }
    }
    tally();
  }

  // Stage 5, search: from the tightest samples of each family, the adversarial search over its knobs; its best point
  // enters the best constant and the tightest sample, and is decided, confirmed and judged like a flagged sample.
  if (!refuted && opt.search_budget > 0 && !fams.empty()) {
    VariantResult::Search st;
    st.budget = opt.search_budget;
    st.families = int(fams.size());
    const long per_family = search_per_family;
    SearchStats stats;
    for (const auto& fname : fams) {
      if (refuted) break;
      const Family& fam = c.family(fname);
      std::vector<SearchStart> starts;
      for (long i : tightest_of[fname]) {
        const Origin o{c.id, v.slug, fam.name, opt.seed, i, {}, {}};
        try {
          starts.push_back(search_start([&fam, o] { return fam.gen(random_for(o), kSize).value(); }, i, {}));
        } catch (const std::exception&) { continue; }
      }
      const int before = stats.starts;
      auto screen_probe = [&](Sample smp) {
        // a point outside the hypothesis is no point of the claim: the search skips it
        if (std::string why = outside_hypothesis(c, smp); !why.empty()) throw std::domain_error(why);
        Screened sc = screen(v, smp);
        Probe p;
        p.rel = sc.nan ? NAN : sc.rel;
        p.lhs = sc.l;
        p.rhs = sc.r;
        if (!sc.nan && sc.rel < opt.screen_tol) {  // within the screen's tolerance: the decision's slack, not rounding
          const Decided d = decide_serial(v, smp, D);
          p.rel = d.nan ? NAN : d.violated ? d.rel : d.rel > 0 ? d.rel : 0.0;  // not violated: a slack >= 0 (0: equal to D digits)
          p.violated = d.violated;
        }
        p.sample = std::move(smp);
        return p;
      };
      auto best_probe = search(starts, screen_probe, per_family, opt.seed ^ fnv1a(c.id + "\x1f" + v.slug + "\x1f" + fname), stats);
      if (stats.starts > before) ++st.searched;
      if (!best_probe) continue;
      if (std::isnan(st.best_rel) || best_probe->rel < st.best_rel) st.best_rel = best_probe->rel;
      if (best_probe->settings.empty()) continue;  // the start itself: already judged
      const Origin o{c.id, v.slug, fam.name, opt.seed, best_probe->index, {}, best_probe->settings};
      const Sample& smp = best_probe->sample;
      ratio.add(o, smp, best_probe->lhs, best_probe->rhs);
      if (best_probe->rel >= opt.screen_tol) {
        consider_tight(o, smp, best_probe->rel, dstr(best_probe->lhs), dstr(best_probe->rhs), dstr(best_probe->rel), "double");
        continue;
      }
      const Decided dec = decide_serial(v, smp, D);
      if (!dec.violated) {
        if (!dec.nan) consider_tight(o, smp, dec.rel < 0 ? 0.0 : dec.rel, dec.lhs, dec.rhs, dec.slack, "mpfr" + std::to_string(D));
        continue;
      }
      const Decided conf = decide_serial(v, smp, D2);
      const Certificate cert = judge(v, smp, D2);
      if (cert.certified) {
        ++r.violations;
        st.found = true;
        establish(o, true);
      } else if (cert.cleared) {
        ++r.cleared;
        consider_tight(o, smp, 0.0, cert.lhs, cert.rhs, "0", "exact");
      } else if (!conf.violated) {
        ++r.unstable;
        st.found = true;
      } else if (!v.eval.no_enclosure.empty()) {
        ++r.violations;
        st.found = true;
        establish(o, false);
      } else {
        ++r.undecided;
        st.found = true;
        if (first_undecided.empty())
          first_undecided = o.token() + " (found by the search; slack " + conf.slack + " at " + std::to_string(D2) + " digits; enclosure " +
                            cert.slack + ", " + cert.method + ")";
      }
    }
    st.evaluations = stats.evaluations;
    st.starts = stats.starts;
    st.dims = stats.dims;
    st.seconds = stats.seconds;
    r.search = st;
  }

  if (refuted) {
    // verdict, counterexample and certificate set by establish()
  } else if (errors > 0) {
    r.verdict = Verdict::Inconclusive;
    r.reason = std::to_string(errors) + " sample(s) could not be evaluated; first: " + first_error;
  } else if (r.undecided > 0) {
    r.verdict = Verdict::Inconclusive;
    r.reason = std::to_string(r.undecided) + " sample(s) violated at " + std::to_string(D) + " and " + std::to_string(D2) +
               " digits whose exact sign the enclosures cannot decide; first: " + first_undecided;
  } else if (r.unstable > 0) {
    r.verdict = Verdict::Inconclusive;
    r.reason = std::to_string(r.unstable) + " sample(s) violated at " + std::to_string(D) + " digits but not at " +
               std::to_string(D2) + ", and not decided by the exact tier";
  } else {
    r.verdict = Verdict::Holds;
  }
  r.tightest = tight;
  r.best_constant = best_constant_of(c, v, ratio, D);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

Replay replay(const Variant& v, Origin origin, Sample sample, unsigned digits) {
  if (v.statistical.estimate) {  // a Monte Carlo experiment on the sample: an estimate, never a certificate
    Replay out;
    out.origin = std::move(origin);
    out.sample = std::move(sample);
    out.relation = rel_str(v.rel);
    out.statement = v.statement;
    const Estimate e = v.statistical.estimate(out.sample);
    const auto [pos, rel] = stat_position(v.rel, e);
    out.lhs_double = out.lhs_mpfr = estimate_text(e);
    out.rhs_double = out.rhs_mpfr = dstr(e.bound);
    out.slack_mpfr = dstr(rel);
    out.violated = pos < 0;
    out.exact.method = "none: " + v.statistical.method;
    out.outcome = pos < 0 ? "violated (uncertified: statistical evidence, " + v.statistical.method + ")"
                  : pos > 0 ? "consistent with the bound (" + v.statistical.method + ")"
                            : "undecided: the confidence interval contains the bound (" + v.statistical.method + ")";
    return out;
  }
  if (!v.eval.screen) throw std::invalid_argument("variant " + v.slug + " is not checkable: " + v.not_checkable_reason);
  Replay out;
  out.origin = std::move(origin);
  out.sample = std::move(sample);
  out.relation = rel_str(v.rel);
  out.statement = v.statement;
  auto sd = v.eval.screen(out.sample);
  out.lhs_double = dstr(sd.lhs);
  out.rhs_double = dstr(sd.rhs);
  Decided d = decide_serial(v, out.sample, digits);
  out.lhs_mpfr = d.lhs;
  out.rhs_mpfr = d.rhs;
  out.slack_mpfr = d.slack;
  out.violated = d.violated;
  out.exact = judge(v, out.sample, 2 * digits);
  // The same rules as the runner: the exact tier decides; an undecided enclosure is never a violation.
  if (out.exact.certified) out.outcome = "violated (certified: " + out.exact.method + ")";
  else if (out.exact.cleared) out.outcome = "not violated (" + out.exact.method + ")";
  else if (!out.violated) out.outcome = "not violated at " + std::to_string(digits) + " digits; the exact sign is undecided (" + out.exact.method + ")";
  else if (!v.eval.no_enclosure.empty()) out.outcome = "violated at " + std::to_string(digits) + " digits (uncertified: " + v.eval.no_enclosure + ")";
  else out.outcome = "undecided: violated at " + std::to_string(digits) + " digits, but " + out.exact.method;
  return out;
}

std::string tier_contract_violation(const Variant& v, const Sample& s, unsigned D, double screen_tol) {
  if (!v.eval.screen) return "";
  const Screened sd = screen(v, s);
  AtPrecision at({.digits = D * cond_of(v, s), .bits = Precision::bits_for_digits(2 * D)});
  std::string why;
  try {
    const Sides<Mpfr> sm = v.eval.decide(s);
    const Mpfr sc = scale_of(sm), tol = Mpfr(tol_for(D)) * sc;
    const double rel_m = rel_of(raw_slack(v.rel, sm), sc);
    if (!sd.nan && sd.rel >= screen_tol && !(rel_m >= screen_tol / 2))
      why = "the double screen passes (relative slack " + dstr(sd.rel) + ") what " + std::to_string(D) +
            " digits give relative slack " + dstr(rel_m);
    try {
      const Sides<Ball> sb = v.eval.certify(s);
      auto inside = [&](const char* side, const Ball& b, const Mpfr& m) {
        if (!b.is_finite() || boost::multiprecision::isnan(m)) return;
        if (m < b.lower() - tol || m > b.upper() + tol)
          why += std::string(why.empty() ? "" : "; ") + side + " at " + std::to_string(D) + " digits " + mpfr_str(m, 25) +
                 " lies outside the exact tier's " + b.str(25) + " widened by " + mpfr_str(tol, 3);
      };
      inside("lhs", sb.lhs, sm.lhs);
      inside("rhs", sb.rhs, sm.rhs);
    } catch (const std::exception& e) {
      why += std::string(why.empty() ? "" : "; ") + "the exact tier failed: " + e.what();
    }
  } catch (const std::exception& e) {
    why = std::string("the multiprecision tier failed: ") + e.what();
  }
  return why;
}

Replay replay(const std::string& token, unsigned digits) {
  Origin o = Origin::parse(token);
  const Claim& c = find_claim(o.claim);
  const Variant& v = c.variant(o.variant);
  c.family(o.family);
  Sample s = regenerate(o);
  return replay(v, std::move(o), std::move(s), digits);
}

}  // namespace stabcheck
