#include "fuzz/fuzz.hpp"
#include "fuzz/eval.hpp"
#include "generators/matrices.hpp"
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

namespace stabcheck::fuzz {

SearchMode parse_search_mode(const std::string& s) {
  if (s == "random") return SearchMode::Random;
  if (s == "structured") return SearchMode::Structured;
  if (s == "full") return SearchMode::Full;
  throw std::invalid_argument("--search must be random, structured or full, found '" + s + "'");
}

std::pair<int, int> parse_dims(const std::string& s) {
  static const std::regex re(R"(\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?)");
  std::smatch m;
  if (!std::regex_match(s, m, re)) throw std::invalid_argument("--dims expects LO..HI or N (e.g. 1..8), found '" + s + "'");
  int lo = std::stoi(m[1]), hi = m[2].matched ? std::stoi(m[2]) : lo;
  if (lo < 1 || hi > 8 || lo > hi) throw std::invalid_argument("--dims must satisfy 1 <= LO <= HI <= 8, found '" + s + "'");
  return {lo, hi};
}

namespace {

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string clean_name(const std::string& n, const std::string& where) {
  static const std::regex ok(R"([A-Za-z0-9_.-]+)");
  if (!std::regex_match(n, ok)) throw ParseError(where + "name '" + n + "' may use only letters, digits, '_', '.', '-'", "", 0);
  return n;
}

Verdict expect_of(const std::string& v, const std::string& where) {
  std::string t = trim(v);
  if (t == "holds" || t == "true") return Verdict::Holds;
  if (t == "refuted" || t == "false") return Verdict::Refuted;
  throw ParseError(where + "expected 'holds' or 'refuted' after expect, found '" + t + "'", "", 0);
}

// "[NAME:] BOUND [where DECLS] [expect V]"
Spec parse_line(const std::string& line, const std::string& where) {
  Spec s;
  std::string rest = line;
  static const std::regex name_re(R"(^\s*([A-Za-z0-9_.-]+)\s*:\s*(.*)$)");
  std::smatch m;
  // A name prefix is an identifier followed by ':' that is not part of the bound (bounds have no ':').
  if (std::regex_match(rest, m, name_re)) {
    s.name = m[1];
    rest = m[2];
  }
  static const std::regex expect_re(R"(^(.*?)\s+expect\s+(\S+)\s*$)");
  if (std::regex_match(rest, m, expect_re)) {
    s.expect = expect_of(m[2], where);
    rest = m[1];
  }
  size_t w = rest.find(" where ");
  if (w != std::string::npos) {
    s.where = trim(rest.substr(w + 7));
    rest = rest.substr(0, w);
  }
  s.text = trim(rest);
  return s;
}

/// The declared matrices whose kinds are closed under positive scaling (psd, pd, psd rank r, rank one, sym, diag,
/// general, vec), all scaled by s; projectors, orthogonals, scalars and integers stay. Empty when none scales.
Scaling cone_scaling(const Bound& b) {
  std::string text;
  std::vector<std::string> names;
  for (const auto& d : b.decls) {
    if (!d.is_matrix() || d.kind == Kind::Projector || d.kind == Kind::Orthogonal) continue;
    const std::string x = d.count.empty() ? d.name : d.name + "[i]";
    text += (text.empty() ? "" : ", ") + x + " -> s " + x;
    names.push_back(d.name);
  }
  if (names.empty()) return {};
  return {.text = text, .apply = [names](const Sample& in, const Rat& t) {
            Sample s = in;
            for (const auto& n : names) {
              if (auto m = s.mats.find(n); m != s.mats.end()) m->second *= t;
              if (auto f = s.families.find(n); f != s.families.end())
                for (auto& x : f->second) x *= t;
            }
            return s;
          }};
}

}  // namespace

std::vector<Spec> parse_specs(const std::string& content, const std::string& origin) {
  std::vector<Spec> out;
  std::istringstream in(content);
  std::string line;
  int ln = 0;
  std::optional<Spec> block;
  auto flush = [&] {
    if (!block) return;
    if (block->text.empty()) throw ParseError(origin + ":" + std::to_string(block->line) + ": block without a 'bound:' line", "", 0);
    out.push_back(*block);
    block.reset();
  };
  static const std::regex key_re(R"(^\s*(name|bound|where|expect|dims)\s*:\s*(.*)$)");
  while (std::getline(in, line)) {
    ++ln;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line = line.substr(0, hash);
    std::string t = trim(line);
    std::string at = origin + ":" + std::to_string(ln) + ": ";
    // A bound has at most 1000 characters (fuzz/parse.cpp); longer lines are refused before std::regex, whose
    // recursive matcher overflows the stack on lines of ~20,000 characters (found under ASan).
    if (t.size() > 4000) throw ParseError(at + "line of " + std::to_string(t.size()) + " characters (at most 4000)", "", 0);
    if (t.empty()) { flush(); continue; }
    std::smatch m;
    if (std::regex_match(t, m, key_re)) {
      if (!block) { block = Spec{}; block->line = ln; block->name = "line-" + std::to_string(ln); }
      std::string key = m[1], val = trim(m[2]);
      if (key == "name") block->name = clean_name(val, at);
      else if (key == "bound") block->text = val;
      else if (key == "where") block->where = val;
      else if (key == "expect") block->expect = expect_of(val, at);
      else {
        try {
          block->dims = parse_dims(val);
        } catch (const std::invalid_argument& e) {
          throw ParseError(at + e.what(), "", 0);
        }
      }
      continue;
    }
    if (block) throw ParseError(at + "expected 'name:', 'bound:', 'where:', 'expect:' or 'dims:' inside a block (or a blank line before a one-line bound)", "", 0);
    Spec s = parse_line(t, at);
    s.line = ln;
    if (s.name == "bound") s.name = "line-" + std::to_string(ln);
    clean_name(s.name, at);
    out.push_back(s);
  }
  flush();
  if (out.empty()) throw ParseError(origin + ": no bounds found", "", 0);
  // names must be distinct: they are claim IDs of the report and replay tokens
  for (size_t i = 0; i < out.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (out[i].name == out[j].name)
        throw ParseError(origin + ":" + std::to_string(out[i].line) + ": duplicate name '" + out[i].name + "'", "", 0);
  return out;
}

std::vector<Spec> read_specs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read bounds file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_specs(ss.str(), path);
}

std::string family_method(const std::string& family) {
  if (family == "local-search") return "adversarial local search (NLopt Subplex on the relative slack, rationalised optimum)";
  if (family == "plain-random") return "plain random sampling";
  if (family == "aligned") return "structured random family: equality cases (multiples of one I or g g^T)";
  if (family == "commuting") return "structured random family: commuting (shared eigenbasis, tied spectra)";
  if (family == "structured") return "structured random family: low rank, extreme spectra, scalings, indefinite";
  return family;
}

FuzzClaim make_claim(const Spec& spec, const Options& opt) {
  FuzzClaim fc;
  fc.spec = spec;
  auto bound = std::make_shared<Bound>(parse_bound(spec.text, spec.where));
  fc.bound = bound;
  fc.timing = std::make_shared<Timing>();
  auto [dlo, dhi] = spec.dims ? *spec.dims : std::make_pair(opt.dlo, opt.dhi);
  Claim& c = fc.claim;
  c.id = "FUZZ-" + spec.name;
  c.source = "stabcheck fuzz";
  c.statement = spec.text + (spec.where.empty() ? "" : "   for " + spec.where);
  std::vector<Style> styles;
  if (opt.mode == SearchMode::Random) styles = {Style::Plain};
  else styles = {Style::Aligned, Style::Commuting, Style::Mixed, Style::Plain};
  std::function<std::vector<Sample>(const Sample&)> reduce;
  if (kinds_allow_drop_coordinate(*bound) && dlo < dhi + 1) {
    reduce = [dlo](const Sample& s) {
      std::vector<Sample> out;
      for (auto& r : gen::drop_coordinate(s)) {
        long d = 0;
        for (const auto& [k, m] : r.mats) { d = m.rows(); break; }
        if (d >= dlo) {
          r.ints["d"] = d;  // the dimension of the reduced sample
          out.push_back(std::move(r));
        }
      }
      return out;
    };
  }
  for (Style st : styles) c.families.push_back({style_name(st), family_method(style_name(st)), sample_gen(bound, dlo, dhi, st), reduce});
  if (opt.mode == SearchMode::Full)
    c.families.push_back({"local-search", family_method("local-search"), local_search_gen(bound, dlo, dhi, opt.search), reduce});
  // The runner's evaluator, wrapped to time the first violation confirmed at 2D digits.
  Evaluator ev = make_bound_evaluator(bound);
  auto timing = fc.timing;
  const unsigned D = opt.digits;
  const Rel rel = engine_relation(bound->rel);
  auto screen = ev.screen;
  ev.screen = [screen, timing](const Sample& s) {
    if (!timing->started.exchange(true)) timing->t0 = std::chrono::steady_clock::now();
    return screen(s);
  };
  auto decide = ev.decide;
  ev.decide = [decide, timing, D, rel, bound](const Sample& s) {
    auto sd = decide(s);
    const unsigned m = std::max(1u, conditioning(*bound, s));  // the runner decides at D m digits, confirms at 2 D m
    if (digits() >= 2 * D * m && timing->first_violation.load() < 0) {
      Mpfr sl = rel == Rel::Le ? Mpfr(sd.rhs - sd.lhs) : rel == Rel::Ge ? Mpfr(sd.lhs - sd.rhs) : Mpfr(-abs(Mpfr(sd.lhs - sd.rhs)));
      Mpfr sc = sd.scale ? Mpfr(abs(*sd.scale)) : Mpfr(std::max(abs(sd.lhs), abs(sd.rhs)));
      if (sl < -Mpfr(std::pow(10.0, -0.6 * double(digits() / m))) * sc) {
        double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - timing->t0).count();
        double expected = -1;
        timing->first_violation.compare_exchange_strong(expected, t);
      }
    }
    return sd;
  };
  c.variants.push_back({.slug = "as-stated",
                        .statement = c.statement,
                        .rel = rel,
                        .eval = ev,
                        .note = std::string(spec.expect ? "expected verdict given by the user" : "a conjecture (no expected verdict given)") +
                                "; relation " + relation_str(bound->rel) + "; dimensions " + std::to_string(dlo) + ".." +
                                std::to_string(dhi)});
  c.scaling = cone_scaling(*bound);
  return fc;
}

}  // namespace stabcheck::fuzz
