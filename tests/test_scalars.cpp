#include "core/linalg.hpp"
#include <gtest/gtest.h>
using namespace stabcheck;
TEST(Scalars, Placeholder) { EXPECT_EQ(parse_rat("3/6"), Rat(1, 2)); }
