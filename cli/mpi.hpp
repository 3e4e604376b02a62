// `stabcheck run --mpi` under mpirun (OpenMPI, optional at build time: CMake's find_package(MPI)).
#pragma once
#include "cli/common.hpp"
#include <string>

namespace stabcheck::cli {

/// Rank 0 hands out the variants of `todo` one at a time (a dispatcher in its main thread; a worker thread of its own
/// runs variants too), the other ranks run them and send back their results as lossless JSON (reports/partial.hpp);
/// rank 0 re-checks every certificate (recheck, cli/shard.hpp) and writes the reports with write_reports. Returns the
/// exit code of `stabcheck run` on rank 0, 0 on the others. Built without MPI: std::invalid_argument.
int run_mpi(const Todo& todo, const RunArgs& a, const std::string& command);

}  // namespace stabcheck::cli
