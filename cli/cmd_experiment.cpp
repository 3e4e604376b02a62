// stabcheck experiment phase-diagram|relu-training|coherence: the paper's experiments (spec/experiments.md),
// written to DIR/experiments/ (CSV, gnuplot scripts, PNG/SVG/PDF figures, a Markdown summary per experiment).
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "experiments/phase_report.hpp"
#include "experiments/relu_training.hpp"
#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <tuple>

namespace stabcheck::cli {
namespace {

template <class E> std::vector<E> parse_list(const std::vector<std::string>& names, const std::string& what,
                                              const std::vector<std::pair<std::string, E>>& table) {
  std::vector<E> out;
  for (const auto& n : names) {
    bool ok = false;
    for (const auto& [k, v] : table)
      if (k == n) { out.push_back(v); ok = true; }
    if (!ok) throw std::invalid_argument("unknown " + what + " '" + n + "'");
  }
  if (out.empty()) throw std::invalid_argument("no " + what + " given");
  return out;
}

struct Experiment : Command {
  std::string out = "stabcheck-report";
  uint64_t seed = 1;
  int jobs = 2;
  // phase-diagram
  exper::PhaseOptions ph;
  std::vector<std::string> methods{"sgd", "sam", "noise"}, samplers{"without-replacement", "bernoulli"};
  CLI::App *phase = nullptr, *relu = nullptr, *coh = nullptr;
  exper::ReluOptions rt, co;

  CLI::App* add(CLI::App& app) override {
    auto* e = app.add_subcommand("experiment", "Reproduce the paper's experiments (C.3 phase diagram, C.4 ReLU training, "
                                               "C.5 coherence and Table 1) with figures under DIR/experiments/");
    e->require_subcommand(1);
    auto common = [&](CLI::App* s) {
      s->add_option("--out", out, "Output directory (files go to DIR/experiments/)");
      s->add_option("--seed", seed, "Seed of every random stream");
      s->add_option("--jobs", jobs, "Worker threads")->check(CLI::Range(1, 256));
    };
    phase = e->add_subcommand("phase-diagram", "EXP-C3-PHASE: (B, sigma) stability phase diagram on the coherence "
                                                "construction, Monte Carlo vs exact mean-square boundary vs theorems");
    common(phase);
    phase->add_option("--eta", ph.etas, "Learning rates (comma-separated)")->delimiter(',')->check(positive());
    phase->add_option("--methods", methods, "Methods among sgd, sam, noise (comma-separated)")->delimiter(',');
    phase->add_option("--samplers", samplers, "Samplers among without-replacement, bernoulli (comma-separated)")->delimiter(',');
    phase->add_option("--n", ph.n, "Number of samples")->check(CLI::Range(2, 100000));
    phase->add_option("--B-max", ph.B_max, "Largest batch size (grid B = 1..B-max)")->check(CLI::Range(1, 100000));
    phase->add_option("--sigma-max", ph.sigma_max, "Largest coherence (grid sigma = 1..sigma-max)")->check(CLI::Range(1, 100000));
    phase->add_option("--B", ph.Bs, "Explicit batch sizes (comma-separated sub-grid; overrides --B-max)")->delimiter(',');
    phase->add_option("--sigma", ph.sigmas, "Explicit coherence levels (comma-separated sub-grid; overrides --sigma-max)")->delimiter(',');
    phase->add_option("--runs", ph.runs, "Runs per cell")->check(CLI::Range(1, 100000));
    phase->add_option("--steps", ph.steps, "Steps per run")->check(CLI::Range(1, 100000000));
    phase->add_option("--factor", ph.factor, "Divergence: ||w||^2 >= factor ||w0||^2")->check(at_least_one());
    phase->add_option("--lambda", ph.lambda1, "lambda_max(H) of the construction")->check(positive());
    phase->add_option("--rho", ph.rho, "SAM radius rho")->check(non_negative());
    phase->add_option("--alpha", ph.alpha, "SAM normaliser alpha (c = rho/alpha)")->check(positive());
    phase->add_option("--noise", ph.noise_std, "Standard deviation of the injected noise")->check(non_negative());
    relu = e->add_subcommand("relu-training", "EXP-C4: two-layer ReLU (d = 100, hidden 50) trained by SGD, SAM and noise "
                                              "injection from one initialisation; loss and accuracy per epoch");
    common(relu);
    relu->add_option("--runs", rt.runs, "Runs (seeds)")->check(CLI::Range(1, 1000));
    relu->add_option("--epochs", rt.epochs, "Epochs")->check(CLI::Range(1, 100000));
    relu->add_option("--lr", rt.lr, "Learning rate")->check(positive());
    relu->add_option("--init", rt.init, "Initialisation: default (PyTorch nn.Linear) or generalizing ((C, r) solution + noise)")
        ->check(CLI::IsMember({"default", "generalizing"}));
    coh = e->add_subcommand("coherence", "EXP-C5: coherence, sharpness and effective rank along training for SGD and SAM "
                                         "(rho = 0.01, 0.05, 0.1); Table 1 and Figure 4 (SAM, learning rates, contrastive loss)");
    common(coh);
    coh->add_option("--protocol", co.protocol, "appendix (C.5: d = 15, hidden 10, n = 50, lr 0.01, every 5 epochs) or code "
                                               "(nn_training.py: d = 30, hidden 120, n = 100, lr 0.1, every epoch from 5)")
        ->check(CLI::IsMember({"appendix", "code"}));
    coh->add_option("--runs", co.runs, "Seeds per setting")->check(CLI::Range(1, 1000));
    coh->add_option("--epochs", co.epochs, "Epochs")->check(CLI::Range(1, 100000));
    coh->add_option("--lr", co.lr, "Learning rate of the Table 1 runs (default: the protocol's)")->check(positive());
    coh->add_option("--log-every", co.log_every, "Measure every this many epochs (default: the protocol's)")->check(CLI::Range(1, 100000));
    coh->add_option("--init", co.init, "Initialisation: default or generalizing")->check(CLI::IsMember({"default", "generalizing"}));
    coh->add_flag("--gauss-newton", co.gauss_newton, "Per-sample Hessians 2 g g^T instead of the full Hessian of the loss");
    coh->add_flag("--quick", co.quick, "Skip the learning-rate panel of Figure 4 (its 3 extra settings)");
    return e;
  }
  int order() const override { return 60; }
  int run() override {
    ensure_writable_dir(out + "/experiments");
    if (*phase) {
      ph.methods = parse_list<exper::Method>(methods, "method", {{"sgd", exper::Method::SGD}, {"sam", exper::Method::SAM},
                                                                 {"noise", exper::Method::Noise}});
      ph.samplers = parse_list<exper::Sampler>(samplers, "sampler", {{"without-replacement", exper::Sampler::WithoutReplacement},
                                                                    {"bernoulli", exper::Sampler::Bernoulli}});
      if (ph.B_max > ph.n || ph.sigma_max > ph.n) throw std::invalid_argument("--B-max and --sigma-max must be <= --n");
      for (int v : ph.Bs)
        if (v < 1 || v > ph.n) throw std::invalid_argument("--B values must lie in [1, n]");
      for (int v : ph.sigmas)
        if (v < 1 || v > ph.n) throw std::invalid_argument("--sigma values must lie in [1, n]");
      std::sort(ph.Bs.begin(), ph.Bs.end());
      std::sort(ph.sigmas.begin(), ph.sigmas.end());
      ph.seed = seed;
      ph.jobs = jobs;
      ph.command = command_line;
      exper::run_phase_diagram(ph, out, std::cerr);
      std::cout << out << "/experiments/phase-diagram.md\n";
      return 0;
    }
    for (auto [sub, o, f] : {std::tuple{relu, &rt, &exper::run_relu_training}, {coh, &co, &exper::run_coherence}})
      if (*sub) {
        o->seed = seed;
        o->jobs = jobs;
        o->command = command_line;
        if (sub == coh) {
          co.lr_given = coh->count("--lr") > 0;
          co.log_every_given = coh->count("--log-every") > 0;
        }
        f(*o, out, std::cerr);
        std::cout << out << "/experiments/"
                  << (sub == relu ? "relu-training" : co.protocol == "code" ? "coherence-code" : "coherence") << ".md\n";
        return 0;
      }
    return 2;
  }
};
STABCHECK_COMMAND(Experiment)

}  // namespace
}  // namespace stabcheck::cli
