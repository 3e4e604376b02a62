// Precompiled header of the claim files (CMake target_precompile_headers): the heavy headers that nearly every
// claim includes (Eigen, Boost.Multiprecision, MPFR/GMP, Arb, RapidCheck through the kit). Parsing them once
// instead of once per claim saves minutes of a clean build on 2 cores. Claims still include what they use.
#pragma once
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include <map>
#include <random>
