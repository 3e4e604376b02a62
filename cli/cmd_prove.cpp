// stabcheck prove BOUND --where DECLS: an exact tracial sum-of-hermitian-squares certificate (prove/), written to a
// JSON file and re-checked by the exact checker before `proved` is printed; stabcheck check-certificate FILE.
#include "cli/command.hpp"
#include "fuzz/ast.hpp"
#include "prove/prove.hpp"
#include <fstream>
#include <iomanip>
#include <iostream>

namespace stabcheck::cli {
namespace {

struct ProveCmd : Command {
  std::string bound, where, out = "certificate.json";
  int degree = -1;
  double seconds = 50;
  bool verbose = false;
  CLI::App* add(CLI::App& app) override {
    auto* p = app.add_subcommand("prove", "Prove a trace-polynomial bound for every dimension with an exact SOHS certificate");
    p->add_option("bound", bound, "The bound, e.g. 'tr(A*B*A*B) <= tr(A*A*B*B)' (README, \"Proofs\")")->required();
    p->add_option("--where", where, "Declarations, e.g. 'A: sym, B: psd, t: scalar in [0, 1]'")->required();
    p->add_option("--degree", degree, "Largest degree of the certificate (default: the bound's, +2 with hypotheses)")
        ->check(CLI::Range(0, 32));
    p->add_option("--out", out, "Certificate file (certificate.json)");
    p->add_option("--budget", seconds, "Seconds of search (50)")->check(positive());
    p->add_flag("--verbose", verbose, "Print the size of the search and why each degree failed");
    return p;
  }
  int order() const override { return 60; }
  int run() override {
    prove::ProveOptions o;
    o.max_degree = degree;
    o.seconds = seconds;
    prove::ProveResult r;
    try {
      r = prove::prove(bound, where, o);
    } catch (const fuzz::ParseError& e) {
      std::cerr << "stabcheck: error: " << e.what() << "\n";
      return 2;
    }
    if (r.status == prove::ProveResult::Status::Outside) {  // an answer, not an input error: exit 1 as not proved
      std::cout << r.message << "\n";
      return 1;
    }
    if (r.status == prove::ProveResult::Status::NotProved) {
      std::cout << r.message << "\n";
      if (verbose) std::cout << "search (" << std::fixed << std::setprecision(3) << r.seconds << " s):" << r.detail << "\n";
      return 1;
    }
    std::ofstream f(out);
    f << r.certificate.dump(1) << "\n";
    f.close();
    if (!f) {
      std::cerr << "stabcheck: error: cannot write '" << out << "'\n";
      return 2;
    }
    // what is reported is what the file says: check the file as written
    prove::cert::Result c;
    try {
      c = prove::check_certificate_file(out);
    } catch (const prove::cert::FormatError& e) {
      std::cerr << "stabcheck: error: the written certificate does not read back: " << e.what() << "\n";
      return 1;
    }
    if (!c.valid) {
      std::cout << "not proved (the written certificate was rejected: " << c.reason << ")\n";
      return 1;
    }
    std::cout << "proved (certificate " << out << ")\n";
    if (verbose)
      std::cout << "degree " << r.degree << ", " << r.words << " words searched, " << r.blocks << " Gram block(s), largest "
                << r.gram << " x " << r.gram << ", " << r.constraints << " constraints, " << std::fixed << std::setprecision(3)
                << r.seconds << " s\n";
    return 0;
  }
};
STABCHECK_COMMAND(ProveCmd)

struct CheckCertificateCmd : Command {
  std::string file;
  CLI::App* add(CLI::App& app) override {
    auto* c = app.add_subcommand("check-certificate", "Check a certificate written by 'stabcheck prove' in exact arithmetic");
    c->add_option("file", file, "Certificate file (JSON)")->required();
    return c;
  }
  int order() const override { return 61; }
  int run() override {
    try {
      prove::cert::Result r = prove::check_certificate_file(file);
      if (!r.valid) {
        std::cout << "invalid: " << r.reason << "\n";
        return 1;
      }
      std::cout << r.reason << "\n";
      return 0;
    } catch (const prove::cert::FormatError& e) {
      std::cerr << "stabcheck: error: " << file << ": " << e.what() << "\n";
      return 2;
    }
  }
};
STABCHECK_COMMAND(CheckCertificateCmd)

}  // namespace
}  // namespace stabcheck::cli
