# Consumer tests (label `consumer`): small driver-style programs built the
# three ways a project can use kmdfsim, each configured, built and run by
# tests/consumer/run_consumer.cmake in a subdirectory of the build tree:
#   consumer_add_subdirectory  add_subdirectory(<kmdfsim source dir>)
#   consumer_install           cmake --install of this build into a prefix (fixture)
#   consumer_find_package      find_package(kmdfsim CONFIG) from that prefix
#   consumer_pkg_config        `pkg-config --cflags --libs kmdfsim` on a plain compiler
#                              command line (skipped on cross builds)
# They reuse this build's generator, compilers, toolchain file, emulator and
# flags, so a sanitizer build builds sanitized consumers and a MinGW build runs
# them under Wine.
set(_kc_dir "${CMAKE_CURRENT_BINARY_DIR}/consumer")
get_property(_kc_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
if(_kc_multi_config)
  set(_kc_config "$<CONFIG>")
else()
  set(_kc_config "")
endif()
string(REPLACE ";" "|" _kc_emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
if(CMAKE_CROSSCOMPILING)
  set(_kc_cross ON)
else()
  set(_kc_cross OFF)
endif()
set(_kc_args
  "-DKC_SOURCE_DIR=${kmdfsim_SOURCE_DIR}"
  "-DKC_BUILD_DIR=${kmdfsim_BINARY_DIR}"
  "-DKC_PREFIX=${_kc_dir}/prefix"
  "-DKC_GENERATOR=${CMAKE_GENERATOR}"
  "-DKC_GENERATOR_PLATFORM=${CMAKE_GENERATOR_PLATFORM}"
  "-DKC_GENERATOR_TOOLSET=${CMAKE_GENERATOR_TOOLSET}"
  "-DKC_MAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
  "-DKC_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}"
  "-DKC_C_COMPILER=${CMAKE_C_COMPILER}"
  "-DKC_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
  "-DKC_EMULATOR=${_kc_emulator}"
  "-DKC_CROSSCOMPILING=${_kc_cross}"
  "-DKC_EXECUTABLE_SUFFIX=${CMAKE_EXECUTABLE_SUFFIX}"
  "-DKC_BUILD_TYPE=${CMAKE_BUILD_TYPE}"
  "-DKC_CONFIG=${_kc_config}"
  "-DKC_C_FLAGS=${CMAKE_C_FLAGS}"
  "-DKC_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
  "-DKC_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
  "-DKC_SHARED_LINKER_FLAGS=${CMAKE_SHARED_LINKER_FLAGS}")
set(_kc_script "${CMAKE_CURRENT_LIST_DIR}/consumer/run_consumer.cmake")

set(_kc_tests consumer_add_subdirectory)
add_test(NAME consumer_add_subdirectory
  COMMAND "${CMAKE_COMMAND}" ${_kc_args} -DKC_MODE=add_subdirectory
          "-DKC_WORK_DIR=${_kc_dir}/add_subdirectory" -P "${_kc_script}")

if(KMDFSIM_INSTALL)
  add_test(NAME consumer_install
    COMMAND "${CMAKE_COMMAND}" ${_kc_args} -DKC_MODE=install "-DKC_WORK_DIR=${_kc_dir}/install" -P "${_kc_script}")
  add_test(NAME consumer_find_package
    COMMAND "${CMAKE_COMMAND}" ${_kc_args} -DKC_MODE=find_package
            "-DKC_WORK_DIR=${_kc_dir}/find_package" -P "${_kc_script}")
  add_test(NAME consumer_pkg_config
    COMMAND "${CMAKE_COMMAND}" ${_kc_args} -DKC_MODE=pkg-config
            "-DKC_WORK_DIR=${_kc_dir}/pkg_config" -P "${_kc_script}")
  set_tests_properties(consumer_install PROPERTIES FIXTURES_SETUP kmdfsim_installed)
  set_tests_properties(consumer_find_package consumer_pkg_config PROPERTIES FIXTURES_REQUIRED kmdfsim_installed)
  # CMake >= 3.29 exits with 77; older ones print the marker.
  set_tests_properties(consumer_pkg_config PROPERTIES
    SKIP_RETURN_CODE 77
    SKIP_REGULAR_EXPRESSION "KMDFSIM_CONSUMER_SKIPPED")
  list(APPEND _kc_tests consumer_install consumer_find_package consumer_pkg_config)
endif()
set_tests_properties(${_kc_tests} PROPERTIES LABELS consumer TIMEOUT 600)
