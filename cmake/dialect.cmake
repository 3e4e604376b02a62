# The C++ dialect and default build type of every stabcheck build: the main project (CMakeLists.txt) and the
# standalone libFuzzer project (fuzz/libfuzzer/CMakeLists.txt), which compiles fuzz/parse.cpp with clang.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release)
endif()
