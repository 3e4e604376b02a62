// Precompiled header of the libraries, prove/ included (CMake target_precompile_headers):
// the heavy third-party headers that nearly every translation unit includes through core/claim.hpp
// (Eigen, Boost.Multiprecision with MPFR/GMP, Arb balls, nlohmann-json, RapidCheck). Parsing them costs
// 10 s of CPU per file at -O2; parsed once per target instead, they take minutes off a clean build.
// Files still include what they use: this header only makes it cheaper.
#pragma once
#include "core/claim.hpp"
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <rapidcheck.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
