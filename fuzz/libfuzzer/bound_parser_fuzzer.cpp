// libFuzzer target for the bound language (fuzz/ast.hpp): ./dev libfuzz, README "Memory and parser safety".
// Input: "BOUND\nDECLS" (everything before the first newline is the bound text, the rest the --where
// declarations; without a newline the whole input is both). The parser's contract: it returns a checked Bound
// or throws ParseError (a std::invalid_argument); anything else -- another exception, a crash, a leak, undefined
// behaviour, a hang -- is a bug. On success the AST must print (to_string) and parse deterministically.
#include "fuzz/ast.hpp"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace stabcheck::fuzz;

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "bound_parser_fuzzer: %s: %s\n", what, detail.c_str());
  std::abort();
}

// A ParseError names a column of its own text (0: none) and pretty() starts with the message.
void check_error(const ParseError& e) {
  std::string p = e.pretty();
  if (p.rfind(e.what(), 0) != 0) fail("pretty() does not start with what()", p);
  if (e.column < 0 || size_t(e.column) > e.text.size() + 1) fail("column outside the text", p);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string in(reinterpret_cast<const char*>(data), size);
  const size_t nl = in.find('\n');
  const std::string text = nl == std::string::npos ? in : in.substr(0, nl);
  const std::string where = nl == std::string::npos ? in : in.substr(nl + 1);

  bool where_ok = false;
  size_t ndecls = 0;
  try {
    ndecls = parse_where(where).size();
    where_ok = true;
  } catch (const ParseError& e) {
    check_error(e);
  } catch (const std::invalid_argument& e) {
    fail("parse_where threw a std::invalid_argument that is not a ParseError", e.what());
  }

  try {
    Bound b = parse_bound(text, where);
    if (!where_ok) fail("parse_bound accepted declarations that parse_where rejects", where);
    if (!b.lhs || !b.rhs || b.decls.size() != ndecls) fail("incomplete Bound", text);
    std::string s = to_string(*b.lhs) + " " + relation_str(b.rel) + " " + to_string(*b.rhs);
    Bound again = parse_bound(text, where);  // deterministic
    if (to_string(*again.lhs) + " " + relation_str(again.rel) + " " + to_string(*again.rhs) != s)
      fail("two parses differ", text);
    for (const Decl& d : b.decls) (void)kind_name(d.kind);
  } catch (const ParseError& e) {
    check_error(e);
  } catch (const std::invalid_argument& e) {
    fail("parse_bound threw a std::invalid_argument that is not a ParseError", e.what());
  }
  return 0;
}
