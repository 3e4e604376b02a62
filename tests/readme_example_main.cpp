// The example claim of core/README.md, compiled as written (tests/CMakeLists.txt copies the README's C++ block into
// the build tree) and run here on its own: it must register under its ID, and each of its variants must hold on the
// default samples. Its bound, Tr[AB] <= lambda_max(A) Tr[B] for PSD A and B (Lemma C.1's upper bound), is true, so
// any other verdict means the README teaches code that does not work. Exit 0 when it holds, 1 otherwise.
#include "core/runner.hpp"
#include <iostream>

int main() {
  using namespace stabcheck;
  try {
    const Claim& c = find_claim("LEM-CX-EXAMPLE");
    if (c.variants.empty()) throw std::runtime_error("the example claim has no variant");
    int bad = 0;
    for (const Variant& v : c.variants) {
      const VariantResult r = run_variant(c, v, RunOptions{});
      std::cout << c.id << " " << v.slug << ": " << verdict_text(r) << " (" << r.samples << " samples)\n";
      bad += r.verdict != Verdict::Holds && r.verdict != Verdict::Proved;
    }
    return bad ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "readme example: " << e.what() << "\n";
    return 1;
  }
}
