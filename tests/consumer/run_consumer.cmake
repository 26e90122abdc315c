# run_consumer.cmake - one consumer test (see tests/consumer.cmake), run as
#   cmake -DKC_MODE=<mode> -DKC_...=... -P run_consumer.cmake
#
# KC_MODE
#   install           cmake --install the outer build into KC_PREFIX (fixture for the next two)
#   add_subdirectory  configure/build/run tests/consumer/add_subdirectory against the source tree
#   find_package      configure/build/run tests/consumer/find_package against KC_PREFIX
#   pkg-config        compile the program with `pkg-config --cflags --libs kmdfsim` from KC_PREFIX
#
# Everything that shapes the outer build is forwarded so that the consumer is
# built the same way: generator, compilers, toolchain file, emulator (Wine for
# MinGW builds), build type, and C flags/linker flags (sanitizers).
cmake_minimum_required(VERSION 3.20)

foreach(var KC_MODE KC_SOURCE_DIR KC_BUILD_DIR KC_WORK_DIR KC_PREFIX)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer.cmake: ${var} is not set")
  endif()
endforeach()
set(KC_CONSUMER_DIR "${CMAKE_CURRENT_LIST_DIR}")
# Lists travel as |-separated strings through add_test().
string(REPLACE "|" ";" KC_EMULATOR "${KC_EMULATOR}")

function(kc_run)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "WORKING_DIRECTORY;WHAT" "COMMAND")
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${KC_WORK_DIR}")
  endif()
  list(JOIN arg_COMMAND " " shown)
  message(STATUS "consumer: ${shown}")
  execute_process(COMMAND ${arg_COMMAND}
    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}"
    RESULT_VARIABLE result
    TIMEOUT 500)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer: ${arg_WHAT} failed (${result})")
  endif()
endfunction()

function(kc_config_args out)
  set(args "${KC_CONSUMER_BUILD_DIR}" --no-warn-unused-cli -G "${KC_GENERATOR}")
  foreach(var MAKE_PROGRAM TOOLCHAIN_FILE C_COMPILER CXX_COMPILER BUILD_TYPE)
    if(NOT "${KC_${var}}" STREQUAL "")
      list(APPEND args "-DCMAKE_${var}=${KC_${var}}")
    endif()
  endforeach()
  if(NOT "${KC_GENERATOR_PLATFORM}" STREQUAL "")
    list(APPEND args -A "${KC_GENERATOR_PLATFORM}")
  endif()
  if(NOT "${KC_GENERATOR_TOOLSET}" STREQUAL "")
    list(APPEND args -T "${KC_GENERATOR_TOOLSET}")
  endif()
  if(KC_EMULATOR)
    list(JOIN KC_EMULATOR ";" emulator)
    list(APPEND args "-DCMAKE_CROSSCOMPILING_EMULATOR=${emulator}")
  endif()
  list(APPEND args
    "-DCMAKE_C_FLAGS=${KC_C_FLAGS}"
    "-DCMAKE_CXX_FLAGS=${KC_CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${KC_EXE_LINKER_FLAGS}"
    "-DCMAKE_SHARED_LINKER_FLAGS=${KC_SHARED_LINKER_FLAGS}")
  set(${out} "${args}" PARENT_SCOPE)
endfunction()

# Copies the program (a.c, b.c, guids.h) and the consumer's CMakeLists.txt
# into a fresh project directory under KC_WORK_DIR.
function(kc_make_project kind)
  file(REMOVE_RECURSE "${KC_WORK_DIR}")
  file(MAKE_DIRECTORY "${KC_WORK_DIR}/src")
  file(GLOB program "${KC_CONSUMER_DIR}/program/*")
  file(COPY ${program} DESTINATION "${KC_WORK_DIR}/src")
  if(NOT kind STREQUAL "")
    file(COPY "${KC_CONSUMER_DIR}/${kind}/CMakeLists.txt" DESTINATION "${KC_WORK_DIR}/src")
  endif()
endfunction()

function(kc_run_program exe)
  if(NOT EXISTS "${exe}")
    message(FATAL_ERROR "consumer: the build produced no ${exe}")
  endif()
  kc_run(WHAT "running the consumer program" COMMAND ${KC_EMULATOR} "${exe}")
endfunction()

function(kc_build_and_run)
  set(config_args)
  if(NOT KC_CONFIG STREQUAL "")
    set(config_args --config "${KC_CONFIG}")
  endif()
  kc_run(WHAT "building the consumer" COMMAND "${CMAKE_COMMAND}" --build "${KC_CONSUMER_BUILD_DIR}" ${config_args})
  set(name "t${KC_EXECUTABLE_SUFFIX}")
  if(EXISTS "${KC_CONSUMER_BUILD_DIR}/${name}")
    kc_run_program("${KC_CONSUMER_BUILD_DIR}/${name}")
  else()
    kc_run_program("${KC_CONSUMER_BUILD_DIR}/${KC_CONFIG}/${name}") # multi-config generators
  endif()
endfunction()

set(KC_CONSUMER_BUILD_DIR "${KC_WORK_DIR}/build")
if(KC_CONFIG STREQUAL "")
  set(KC_CONFIG "${KC_BUILD_TYPE}")
endif()

if(KC_MODE STREQUAL "install")
  file(REMOVE_RECURSE "${KC_PREFIX}")
  set(config_args)
  if(NOT KC_CONFIG STREQUAL "")
    set(config_args --config "${KC_CONFIG}")
  endif()
  kc_run(WHAT "installing kmdfsim" WORKING_DIRECTORY "${KC_BUILD_DIR}"
         COMMAND "${CMAKE_COMMAND}" --install "${KC_BUILD_DIR}" --prefix "${KC_PREFIX}" ${config_args})
  file(GLOB_RECURSE config_file "${KC_PREFIX}/kmdfsimConfig.cmake")
  if(NOT config_file)
    message(FATAL_ERROR "consumer: the install put no kmdfsimConfig.cmake under ${KC_PREFIX}")
  endif()

elseif(KC_MODE STREQUAL "add_subdirectory")
  kc_make_project(add_subdirectory)
  kc_config_args(args)
  kc_run(WHAT "configuring the add_subdirectory consumer"
         COMMAND "${CMAKE_COMMAND}" -S "${KC_WORK_DIR}/src" -B ${args} "-DKMDFSIM_SOURCE_DIR=${KC_SOURCE_DIR}")
  kc_build_and_run()

elseif(KC_MODE STREQUAL "find_package")
  file(GLOB_RECURSE config_file "${KC_PREFIX}/kmdfsimConfig.cmake")
  if(NOT config_file)
    message(FATAL_ERROR "consumer: no kmdfsimConfig.cmake under ${KC_PREFIX} (the consumer_install test must run first)")
  endif()
  get_filename_component(config_dir "${config_file}" DIRECTORY)
  kc_make_project(find_package)
  kc_config_args(args)
  set(find_args "-DCMAKE_PREFIX_PATH=${KC_PREFIX}")
  if(KC_CROSSCOMPILING)
    # A cross toolchain re-roots CMAKE_PREFIX_PATH under its sysroot
    # (CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY); <Pkg>_DIR is taken as is.
    list(APPEND find_args "-Dkmdfsim_DIR=${config_dir}")
  endif()
  kc_run(WHAT "configuring the find_package consumer"
         COMMAND "${CMAKE_COMMAND}" -S "${KC_WORK_DIR}/src" -B ${args} ${find_args})
  kc_build_and_run()

elseif(KC_MODE STREQUAL "pkg-config")
  if(KC_CROSSCOMPILING)
    message("KMDFSIM_CONSUMER_SKIPPED: the build machine's pkg-config does not describe a cross build")
    if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.29)
      cmake_language(EXIT 77)
    endif()
    return()
  endif()
  find_program(KC_PKG_CONFIG NAMES pkg-config pkgconf)
  if(NOT KC_PKG_CONFIG)
    message(FATAL_ERROR "consumer: pkg-config not found (apt-get install pkg-config)")
  endif()
  file(GLOB_RECURSE pc_file "${KC_PREFIX}/kmdfsim.pc")
  if(NOT pc_file)
    message(FATAL_ERROR "consumer: no kmdfsim.pc under ${KC_PREFIX} (the consumer_install test must run first)")
  endif()
  get_filename_component(pc_dir "${pc_file}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
  unset(ENV{PKG_CONFIG_SYSROOT_DIR})
  execute_process(COMMAND "${KC_PKG_CONFIG}" --cflags --libs kmdfsim
    RESULT_VARIABLE result OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer: pkg-config --cflags --libs kmdfsim failed (${result})")
  endif()
  message(STATUS "consumer: pkg-config --cflags --libs kmdfsim: ${pc_flags}")
  set(pc_flags_text "${pc_flags}")
  separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
  separate_arguments(c_flags UNIX_COMMAND "${KC_C_FLAGS}")
  separate_arguments(ld_flags UNIX_COMMAND "${KC_EXE_LINKER_FLAGS}")
  kc_make_project("")
  set(exe "${KC_WORK_DIR}/t${KC_EXECUTABLE_SUFFIX}")
  kc_run(WHAT "compiling the pkg-config consumer" WORKING_DIRECTORY "${KC_WORK_DIR}/src"
         COMMAND "${KC_C_COMPILER}" ${c_flags} a.c b.c -o "${exe}" ${pc_flags} ${ld_flags})
  # A shared libkmdfsim has no RPATH on this command line.
  string(REGEX MATCH "-L([^ ]+)" libdir_flag "${pc_flags_text}")
  if(CMAKE_MATCH_1)
    set(ENV{LD_LIBRARY_PATH} "${CMAKE_MATCH_1}:$ENV{LD_LIBRARY_PATH}")
  endif()
  kc_run_program("${exe}")

else()
  message(FATAL_ERROR "run_consumer.cmake: unknown KC_MODE '${KC_MODE}'")
endif()
