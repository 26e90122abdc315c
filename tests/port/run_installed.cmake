# run_installed.cmake - the port_installed_package test (tests/port.cmake):
# installs this build into WORK/prefix, then configures, builds and runs
# tests/port/installed against it with find_package(kmdfsim), built the way
# this build is (generator, compilers, toolchain, flags, emulator).
#
# Skipped (marker KMDFSIM_PORT_SKIPPED, exit 77 on CMake >= 3.29) when the
# installed package has no kmdfsim_add_driver() yet.
cmake_minimum_required(VERSION 3.20)
foreach(var BUILD_DIR WORK PROJECT_DIR DRIVER_DIR GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_installed.cmake: ${var} is not set")
  endif()
endforeach()
string(REPLACE "|" ";" EMULATOR "${EMULATOR}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc TIMEOUT 500)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "port_installed_package: ${what} failed (${rc})")
  endif()
endfunction()

set(prefix "${WORK}/prefix")
file(REMOVE_RECURSE "${WORK}")
run("installing kmdfsim" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
file(GLOB_RECURSE config_file "${prefix}/kmdfsimConfig.cmake")
if(NOT config_file)
  message(FATAL_ERROR "port_installed_package: no kmdfsimConfig.cmake under ${prefix}")
endif()
get_filename_component(config_dir "${config_file}" DIRECTORY)
file(READ "${config_file}" config_text)
if(NOT config_text MATCHES "KmdfsimAddDriver" OR NOT EXISTS "${config_dir}/KmdfsimAddDriver.cmake")
  message("KMDFSIM_PORT_SKIPPED: the installed kmdfsim package does not include KmdfsimAddDriver.cmake yet")
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.29)
    cmake_language(EXIT 77)
  endif()
  return()
endif()

set(args -S "${PROJECT_DIR}" -B "${WORK}/build" -G "${GENERATOR}" --no-warn-unused-cli
         "-Dkmdfsim_DIR=${config_dir}" "-DCMAKE_PREFIX_PATH=${prefix}" "-DDRIVER_DIR=${DRIVER_DIR}"
         "-DCMAKE_C_FLAGS=${C_FLAGS}" "-DCMAKE_CXX_FLAGS=${C_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}")
foreach(var MAKE_PROGRAM TOOLCHAIN_FILE C_COMPILER CXX_COMPILER BUILD_TYPE)
  if(NOT "${${var}}" STREQUAL "")
    list(APPEND args "-DCMAKE_${var}=${${var}}")
  endif()
endforeach()
run("configuring the outside project" "${CMAKE_COMMAND}" ${args})
run("building the outside project" "${CMAKE_COMMAND}" --build "${WORK}/build")
file(GLOB_RECURSE json "${WORK}/build/*fireflymof.json")
if(NOT json)
  message(FATAL_ERROR "port_installed_package: the build wrote no fireflymof.json")
endif()
run("running the outside project's program" ${EMULATOR} "${WORK}/build/port_installed${EXE_SUFFIX}")
