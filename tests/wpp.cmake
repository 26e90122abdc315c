# WPP shim tests (label `wpp`):
#   test_wpp           a driver-style trace header (tests/wpp/trace.h) whose
#                      PRE/POST macros return early or jump, and driver code
#                      (C and C++) tracing through the .tmh files kmdfsim-wpp
#                      generates; built with kmdfsim_add_driver(WPP_CONFIG)
#   wpp_golden_trace   kmdfsim-wpp's .tmh for trace.h equals tests/wpp/trace.tmh
#   wpp_error_<name>   a bad configuration in tests/wpp/errors/<name>.h fails with
#                      exactly the message in <name>.err and writes no .tmh
#   fuzz_wpp           libFuzzer on the configuration parser (Clang sanitizer builds)
set(_wpp_src "${CMAKE_CURRENT_LIST_DIR}/wpp")
set(_wpp_work "${CMAKE_CURRENT_BINARY_DIR}/wpp")
get_property(_wpp_cmd GLOBAL PROPERTY KMDFSIM_WPP_COMMAND)

kmdfsim_add_driver(kmdfsim_wpp_test_driver
  SOURCES "${_wpp_src}/wpp_driver.c" "${_wpp_src}/wpp_driver_cpp.cpp"
  WPP_CONFIG "${_wpp_src}/trace.h"
  DEFINITIONS EVENT_TRACING)
add_executable(test_wpp "${_wpp_src}/test_wpp.c")
target_include_directories(test_wpp PRIVATE "${_wpp_src}")
target_link_libraries(test_wpp PRIVATE kmdfsim_wpp_test_driver cmocka::cmocka)
kmdfsim_project_warnings(test_wpp)
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(test_wpp PRIVATE -Wno-multichar)
endif()
add_test(NAME test_wpp COMMAND test_wpp)
set(_wpp_tests test_wpp)

add_test(NAME wpp_golden_trace
  COMMAND "${CMAKE_COMMAND}" "-DWPP=${_wpp_cmd}" "-DCASE=${_wpp_src}/trace.h" "-DEXPECTED=${_wpp_src}/trace.tmh"
          "-DWORK=${_wpp_work}/golden" -DMODE=golden -P "${_wpp_src}/run_case.cmake")
list(APPEND _wpp_tests wpp_golden_trace)
file(GLOB _wpp_errors CONFIGURE_DEPENDS "${_wpp_src}/errors/*.h")
foreach(_h IN LISTS _wpp_errors)
  get_filename_component(_name "${_h}" NAME_WE)
  add_test(NAME wpp_error_${_name}
    COMMAND "${CMAKE_COMMAND}" "-DWPP=${_wpp_cmd}" "-DCASE=${_h}" "-DWORK=${_wpp_work}/errors/${_name}"
            -DMODE=error -P "${_wpp_src}/run_case.cmake")
  list(APPEND _wpp_tests wpp_error_${_name})
endforeach()

# (The libFuzzer runtime, libclang-rt-<version>-dev, is checked for first.)
if(CMAKE_C_COMPILER_ID MATCHES "Clang" AND CMAKE_C_FLAGS MATCHES "-fsanitize=" AND NOT CMAKE_CROSSCOMPILING)
  include(CheckCSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer")
  check_c_source_compiles([[
    #include <stddef.h>
    #include <stdint.h>
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { (void)data; (void)size; return 0; }
  ]] KMDFSIM_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(NOT KMDFSIM_HAVE_LIBFUZZER)
    message(STATUS "kmdfsim: clang cannot link libFuzzer here (install libclang-rt-dev): no fuzz_wpp test")
  endif()
endif()
if(KMDFSIM_HAVE_LIBFUZZER AND CMAKE_C_COMPILER_ID MATCHES "Clang" AND CMAKE_C_FLAGS MATCHES "-fsanitize=" AND NOT CMAKE_CROSSCOMPILING)
  set(_tools "${PROJECT_SOURCE_DIR}/tools")
  add_executable(fuzz_wpp
    "${_tools}/wpp/fuzz_wpp.c" "${_tools}/wpp/wpp_config.c" "${_tools}/wpp/wpp_emit.c"
    "${_tools}/common/kt_buf.c" "${_tools}/common/kt_file.c")
  target_include_directories(fuzz_wpp PRIVATE "${_tools}/common" "${_tools}/wpp")
  target_compile_options(fuzz_wpp PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_wpp PRIVATE -fsanitize=fuzzer)
  file(MAKE_DIRECTORY "${_wpp_work}/fuzz-corpus")
  add_test(NAME fuzz_wpp
    COMMAND fuzz_wpp -runs=20000 -seed=1 -max_len=4096 "${_wpp_work}/fuzz-corpus" "${_wpp_src}" "${_wpp_src}/errors")
  set_tests_properties(fuzz_wpp PROPERTIES TIMEOUT 300)
  list(APPEND _wpp_tests fuzz_wpp)
endif()

set_tests_properties(${_wpp_tests} PROPERTIES LABELS wpp)
