# Project-wide helpers: one library per folder (sp_add_library), one test binary per
# tests/<part> folder (sp_add_test), one benchmark per bench/<part> (sp_add_bench).

# -Wno-restrict: g++ 12 reports false -Wrestrict positives on std::string concatenation at -O3.
set(SP_WARNINGS -Wall -Wextra -Werror -Wno-missing-field-initializers -Wno-restrict)
if(SP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

find_package(Threads REQUIRED)
find_package(GTest REQUIRED)
find_package(nlohmann_json REQUIRED)
include(GoogleTest)

# sp_add_library(name SOURCES a.cpp b.cpp DEPS sp::core other)
# Creates target sp_<name> with alias sp::<name>; src/ is its PUBLIC include directory.
function(sp_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(sp_${name} STATIC ${ARG_SOURCES})
  add_library(sp::${name} ALIAS sp_${name})
  target_include_directories(sp_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_features(sp_${name} PUBLIC cxx_std_20)
  target_compile_options(sp_${name} PRIVATE ${SP_WARNINGS})
  target_link_libraries(sp_${name} PUBLIC ${ARG_DEPS})
endfunction()

# sp_add_test(name SOURCES x_test.cpp DEPS sp::sla)
function(sp_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_options(${name} PRIVATE ${SP_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main Threads::Threads)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()

# sp_add_bench(name SOURCES x_bench.cpp DEPS sp::sla)
function(sp_add_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  find_package(benchmark REQUIRED)
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/bench)
  target_compile_options(${name} PRIVATE ${SP_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main)
endfunction()
