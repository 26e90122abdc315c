# kmdfsim-mofgen tests (label `mofgen`):
#   mofgen_golden_<name>  tests/mofgen/golden/<name>.mof must compile to
#                         exactly <name>.h and <name>.json (run_case.cmake)
#   mofgen_error_<name>   tests/mofgen/errors/<name>.mof must fail with
#                         exactly the message in <name>.err and write nothing
#   test_mofgen_layout    the golden headers, compiled (C and C++), agree with
#                         the golden JSON: offsets, sizes, _SIZE/_ID defines,
#                         method ids, GUIDs (runs under Wine in MinGW builds)
#   fuzz_mofgen           libFuzzer on the compiler, in Clang sanitizer builds
# The tool runs on the build machine (the host build in cross builds), never
# under an emulator. To refresh the expected files after a deliberate format
# change: cmake -DMOFGEN=<tool> -DCASE=<mof> -DWORK=/tmp/x -DMODE=golden -DUPDATE=ON
#         -P tests/mofgen/run_case.cmake   (and review the diff).
get_property(_mofgen_cmd GLOBAL PROPERTY KMDFSIM_MOFGEN_COMMAND)
set(_mofgen_src "${CMAKE_CURRENT_LIST_DIR}/mofgen")
set(_mofgen_work "${CMAKE_CURRENT_BINARY_DIR}/mofgen")

file(GLOB _mofgen_golden CONFIGURE_DEPENDS "${_mofgen_src}/golden/*.mof")
file(GLOB _mofgen_errors CONFIGURE_DEPENDS "${_mofgen_src}/errors/*.mof")
set(_mofgen_tests "")
foreach(_mof IN LISTS _mofgen_golden)
  get_filename_component(_name "${_mof}" NAME_WE)
  add_test(NAME mofgen_golden_${_name}
    COMMAND "${CMAKE_COMMAND}" "-DMOFGEN=${_mofgen_cmd}" "-DCASE=${_mof}" "-DWORK=${_mofgen_work}/golden/${_name}"
            -DMODE=golden -P "${_mofgen_src}/run_case.cmake")
  list(APPEND _mofgen_tests mofgen_golden_${_name})
endforeach()
foreach(_mof IN LISTS _mofgen_errors)
  get_filename_component(_name "${_mof}" NAME_WE)
  add_test(NAME mofgen_error_${_name}
    COMMAND "${CMAKE_COMMAND}" "-DMOFGEN=${_mofgen_cmd}" "-DCASE=${_mof}" "-DWORK=${_mofgen_work}/errors/${_name}"
            -DMODE=error -P "${_mofgen_src}/run_case.cmake")
  list(APPEND _mofgen_tests mofgen_error_${_name})
endforeach()

# The golden headers as a compiler sees them, against the golden JSON.
set(_mofgen_json "")
set(_mofgen_headers "")
foreach(_mof IN LISTS _mofgen_golden)
  get_filename_component(_name "${_mof}" NAME_WE)
  list(APPEND _mofgen_json "${_mofgen_src}/golden/${_name}.json")
  list(APPEND _mofgen_headers "${_name}.h")
endforeach()
add_custom_command(OUTPUT "${_mofgen_work}/golden_layout.c"
  COMMAND "${CMAKE_COMMAND}" "-DJSON=${_mofgen_json}" "-DHEADERS=${_mofgen_headers}"
          "-DOUT=${_mofgen_work}/golden_layout.c" -P "${_mofgen_src}/json_to_c.cmake"
  DEPENDS ${_mofgen_json} "${_mofgen_src}/json_to_c.cmake"
  COMMENT "Layout checks from the golden MOF JSON"
  VERBATIM)
add_executable(test_mofgen_layout
  "${_mofgen_src}/test_mofgen_layout.c"
  "${_mofgen_src}/test_mofgen_headers.cpp"
  "${_mofgen_src}/mof_layout_check.c"
  "${_mofgen_work}/golden_layout.c")
target_include_directories(test_mofgen_layout PRIVATE "${_mofgen_src}" "${_mofgen_src}/golden")
target_link_libraries(test_mofgen_layout PRIVATE kmdfsim::kmdfsim cmocka::cmocka)
target_compile_features(test_mofgen_layout PRIVATE cxx_std_17)
add_test(NAME test_mofgen_layout COMMAND test_mofgen_layout)
list(APPEND _mofgen_tests test_mofgen_layout)

# libFuzzer: only Clang with sanitizers, on the build machine itself.
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
    message(STATUS "kmdfsim: clang cannot link libFuzzer here (install libclang-rt-dev): no fuzz_mofgen test")
  endif()
endif()
if(KMDFSIM_HAVE_LIBFUZZER AND CMAKE_C_COMPILER_ID MATCHES "Clang" AND CMAKE_C_FLAGS MATCHES "-fsanitize=" AND NOT CMAKE_CROSSCOMPILING)
  set(_tools "${PROJECT_SOURCE_DIR}/tools")
  add_executable(fuzz_mofgen
    "${_tools}/mofgen/fuzz_mof.c" "${_tools}/mofgen/mof.c" "${_tools}/mofgen/mof_parse.c"
    "${_tools}/mofgen/mof_check.c" "${_tools}/mofgen/mof_emit.c"
    "${_tools}/common/kt_buf.c" "${_tools}/common/kt_file.c")
  target_include_directories(fuzz_mofgen PRIVATE "${_tools}/common" "${_tools}/mofgen")
  target_compile_options(fuzz_mofgen PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_mofgen PRIVATE -fsanitize=fuzzer)
  file(MAKE_DIRECTORY "${_mofgen_work}/fuzz-corpus")
  add_test(NAME fuzz_mofgen
    COMMAND fuzz_mofgen -runs=20000 -seed=1 -max_len=4096 "-dict=${_mofgen_src}/mof.dict"
            "${_mofgen_work}/fuzz-corpus" "${_mofgen_src}/golden" "${_mofgen_src}/errors")
  set_tests_properties(fuzz_mofgen PROPERTIES TIMEOUT 300)
  list(APPEND _mofgen_tests fuzz_mofgen)
endif()

set_tests_properties(${_mofgen_tests} PROPERTIES LABELS mofgen)
