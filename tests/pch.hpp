// Precompiled header of the test binary: GoogleTest, RapidCheck's bridge and the claim kit.
#pragma once
#include "core/pch_lib.hpp"
#include "generators/kit.hpp"
#include "core/runner.hpp"
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
