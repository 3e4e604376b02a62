#include "cli/mpi.hpp"
#include "cli/shard.hpp"
#include "reports/partial.hpp"
#include <atomic>
#include <chrono>
#include <exception>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#ifdef STABCHECK_MPI
#include <mpi.h>
#endif

namespace stabcheck::cli {

#ifndef STABCHECK_MPI

int run_mpi(const Todo&, const RunArgs&, const std::string&) {
  throw std::invalid_argument("this stabcheck was built without MPI (apt-get install libopenmpi-dev openmpi-bin, then re-run cmake); "
                              "or use --shard I/N and 'stabcheck merge'");
}

#else

namespace {

constexpr int kTagResult = 1;  // worker -> rank 0: the result of its last item ("" at first), i.e. "ready for more"
constexpr int kTagWork = 2;    // rank 0 -> worker: the next item, or -1: none left

/// A barrier that sleeps between tests: OpenMPI's blocking calls poll and would take a core from the ranks still working.
void quiet_barrier() {
  MPI_Request req;
  MPI_Ibarrier(MPI_COMM_WORLD, &req);
  for (int done = 0;;) {
    MPI_Test(&req, &done, MPI_STATUS_IGNORE);
    if (done) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

int rank0(const Todo& todo, const RunArgs& a, const std::string& command, const Ledger& ledger, int ranks) {
  ensure_writable_dir(a.out);
  if (!a.record.empty()) ensure_writable_dir(a.record);
  const std::string started = now_iso();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::optional<RunItem>> got(todo.size());
  std::vector<int> given_to(todo.size(), -1);
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::exception_ptr local_error;
  // rank 0 works too: a thread without MPI calls (MPI_THREAD_FUNNELED), items from the same counter
  std::thread local([&] {
    try {
      for (size_t k; (k = next++) < todo.size();) {
        auto items = run_items(todo, {k}, a, ledger);
        std::lock_guard<std::mutex> lock(mu);
        given_to[k] = 0;
        got[k] = std::move(items.front());
      }
    } catch (...) {
      local_error = std::current_exception();
    }
  });
  int active = ranks - 1;
  try {
  while (active > 0) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD, &flag, &st);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    int n = 0;
    MPI_Get_count(&st, MPI_CHAR, &n);
    std::string buf(size_t(n), '\0');
    MPI_Recv(buf.data(), n, MPI_CHAR, st.MPI_SOURCE, kTagResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (!buf.empty()) {
      RunItem it;
      try {
        const auto j = nlohmann::json::parse(buf);
        it.index = j.at("index").get<size_t>();
        it.result = result_from_json(j.at("result"));
        it.certificate = j.at("certificate");
      } catch (const std::exception& e) {
        throw std::runtime_error("rank " + std::to_string(st.MPI_SOURCE) + " sent a malformed result: " + e.what());
      }
      std::lock_guard<std::mutex> lock(mu);
      if (it.index >= todo.size() || given_to[it.index] != st.MPI_SOURCE || got[it.index])
        throw std::runtime_error("rank " + std::to_string(st.MPI_SOURCE) + " sent the result of an item it was not given");
      got[it.index] = std::move(it);
    }
    long k = long(next++);
    if (k >= long(todo.size())) {
      k = -1;
      --active;
    } else {
      std::lock_guard<std::mutex> lock(mu);
      given_to[size_t(k)] = st.MPI_SOURCE;
    }
    MPI_Send(&k, 1, MPI_LONG, st.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
  }
  } catch (const std::exception& e) {  // the local worker is still running: end every rank now
    std::cerr << "stabcheck: error: " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, 3);
  }
  local.join();
  if (local_error) std::rethrow_exception(local_error);
  std::vector<RunItem> items;
  for (size_t k = 0; k < todo.size(); ++k) {
    if (!got[k]) throw std::runtime_error("no result for item " + std::to_string(k + 1));
    const auto [c, v] = todo[k];
    recheck(*c, *v, *got[k], a.prove, a.run.seed, a.run.digits, "rank " + std::to_string(given_to[k]));
    ledger.apply(got[k]->result);
    items.push_back(std::move(*got[k]));
  }
  std::vector<VariantResult> results;
  for (const auto& it : items) results.push_back(it.result);
  const RunInfo info = run_info(a, command, started, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  write_reports(results, certificate_files(items), a, info,
                [&](const std::vector<VariantResult>&, nlohmann::json& report, std::string&) { report["environment"]["mpi_ranks"] = ranks; });
  return exit_code(results);
}

void worker(const Todo& todo, const RunArgs& a, const Ledger& ledger) {
  std::string payload;  // empty: ready for the first item
  for (;;) {
    MPI_Send(payload.data(), int(payload.size()), MPI_CHAR, 0, kTagResult, MPI_COMM_WORLD);
    long k = -1;
    MPI_Recv(&k, 1, MPI_LONG, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (k < 0 || size_t(k) >= todo.size()) return;
    auto items = run_items(todo, {size_t(k)}, a, ledger);
    const RunItem& it = items.front();
    payload = nlohmann::json{{"index", it.index}, {"result", result_to_json(it.result)}, {"certificate", it.certificate}}.dump();
  }
}

}  // namespace

int run_mpi(const Todo& todo, const RunArgs& a, const std::string& command) {
  const Ledger ledger = Ledger::load(a.expectations);  // every rank: a corrupt ledger stops all of them alike
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int code = 0;
  try {
    if (provided < MPI_THREAD_FUNNELED) throw std::runtime_error("the MPI library does not provide MPI_THREAD_FUNNELED");
    if (rank == 0) code = rank0(todo, a, command, ledger, ranks);
    else worker(todo, a, ledger);
  } catch (const std::exception& e) {
    std::cerr << "stabcheck: error: " << (rank ? "rank " + std::to_string(rank) + ": " : std::string()) << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, dynamic_cast<const std::invalid_argument*>(&e) ? 2 : 3);
  }
  quiet_barrier();
  MPI_Finalize();
  return code;
}

#endif

}  // namespace stabcheck::cli
