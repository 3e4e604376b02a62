// Names of an enumeration's values as one table: the table gives the name of a value, the value of a name (with any
// further spellings a parser accepts) and the values in order, so that no switch of names stands beside a list of the
// values or a parser's map of the same names. A value's first entry holds its name; later entries are spellings.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stabcheck {

template <class E> struct Named {
  E value;
  const char* name;
};

/// The name of `e`: its first entry in `table`, "?" where the table has none.
template <class E, std::size_t N> std::string name_in(const Named<E> (&table)[N], E e) {
  for (const Named<E>& n : table)
    if (n.value == e) return n.name;
  return "?";
}

/// The value named (or spelled) `s`, if any.
template <class E, std::size_t N> std::optional<E> value_in(const Named<E> (&table)[N], std::string_view s) {
  for (const Named<E>& n : table)
    if (s == n.name) return n.value;
  return std::nullopt;
}

/// The values of the table, in order, each once.
template <class E, std::size_t N> std::vector<E> values_in(const Named<E> (&table)[N]) {
  std::vector<E> out;
  for (const Named<E>& n : table) {
    bool seen = false;
    for (E v : out) seen = seen || v == n.value;
    if (!seen) out.push_back(n.value);
  }
  return out;
}

/// Every name and spelling of the table, in order.
template <class E, std::size_t N> std::vector<std::string> spellings_in(const Named<E> (&table)[N]) {
  std::vector<std::string> out;
  for (const Named<E>& n : table) out.push_back(n.name);
  return out;
}

}  // namespace stabcheck
