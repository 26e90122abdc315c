# Driver porting tests (label `port`): kmdfsim_add_driver() end to end.
#   test_port                 tests/port/driver (wrong-case and backslash includes,
#                             a .mof, a WPP trace header; no file edited) built by
#                             kmdfsim_add_driver() and queried through WMI requests
#   port_include_overlay      the include overlay maps exactly the names that need it,
#                             and the driver tree is left unchanged
#   port_incmap_cases         kmdfsim-incmap's rules on a scratch tree (comments,
#                             missing files, ambiguous names, stale entries)
#   port_installed_package    an outside project builds the same driver with
#                             find_package(kmdfsim) + kmdfsim_add_driver() from an
#                             installed kmdfsim (skipped when the installed package
#                             does not provide kmdfsim_add_driver yet)
set(_port_src "${CMAKE_CURRENT_LIST_DIR}/port")
set(_port_drv "${_port_src}/driver")
set(_port_work "${CMAKE_CURRENT_BINARY_DIR}/port")

kmdfsim_add_driver(kmdfsim_port_firefly
  SOURCES "${_port_drv}/src/Driver.c" "${_port_drv}/src/wmi.c"
  MOF "${_port_drv}/src/firefly.mof"
  WPP_CONFIG "${_port_drv}/src/Trace.h"
  DEFINITIONS EVENT_TRACING)

# Decode-by-name tables from the JSON kmdfsim-mofgen wrote at build time.
get_target_property(_port_gen kmdfsim_port_firefly KMDFSIM_GENERATED_DIR)
add_custom_command(OUTPUT "${_port_work}/firefly_layout.c"
  COMMAND "${CMAKE_COMMAND}" "-DJSON=${kmdfsim_port_firefly_MOF_JSON}" "-DHEADERS=fireflymof.h"
          "-DOUT=${_port_work}/firefly_layout.c" -P "${CMAKE_CURRENT_LIST_DIR}/mofgen/json_to_c.cmake"
  DEPENDS ${kmdfsim_port_firefly_MOF_JSON} "${CMAKE_CURRENT_LIST_DIR}/mofgen/json_to_c.cmake"
  COMMENT "Property tables from firefly.mof's JSON"
  VERBATIM)
add_executable(test_port
  "${_port_src}/test_port.c"
  "${CMAKE_CURRENT_LIST_DIR}/mofgen/mof_layout_check.c"
  "${_port_work}/firefly_layout.c")
target_include_directories(test_port PRIVATE "${_port_gen}" "${CMAKE_CURRENT_LIST_DIR}/mofgen")
target_link_libraries(test_port PRIVATE kmdfsim_port_firefly cmocka::cmocka)
kmdfsim_project_warnings(test_port)
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(test_port PRIVATE -Wno-multichar)
endif()
add_test(NAME test_port COMMAND test_port)
set(_port_tests test_port)

if(NOT CMAKE_HOST_WIN32)
  get_property(_port_incmap GLOBAL PROPERTY KMDFSIM_INCMAP_COMMAND)
  add_test(NAME port_incmap_cases
    COMMAND "${CMAKE_COMMAND}" "-DINCMAP=${_port_incmap}" "-DWORK=${_port_work}/incmap"
            -P "${_port_src}/incmap_cases.cmake")
  list(APPEND _port_tests port_incmap_cases)
  add_test(NAME port_include_overlay
    COMMAND "${CMAKE_COMMAND}" "-DSTAMP=${CMAKE_CURRENT_BINARY_DIR}/kmdfsim_port_firefly.kmdfsim/include-overlay.stamp"
            "-DDRIVER_DIR=${_port_drv}" -P "${_port_src}/check_overlay.cmake")
  list(APPEND _port_tests port_include_overlay)
endif()

if(KMDFSIM_INSTALL)
  string(REPLACE ";" "|" _port_emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
  add_test(NAME port_installed_package
    COMMAND "${CMAKE_COMMAND}"
            "-DBUILD_DIR=${PROJECT_BINARY_DIR}"
            "-DWORK=${_port_work}/installed"
            "-DPROJECT_DIR=${_port_src}/installed"
            "-DDRIVER_DIR=${_port_drv}"
            "-DGENERATOR=${CMAKE_GENERATOR}"
            "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
            "-DTOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}"
            "-DC_COMPILER=${CMAKE_C_COMPILER}"
            "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
            "-DC_FLAGS=${CMAKE_C_FLAGS}"
            "-DEXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
            "-DBUILD_TYPE=${CMAKE_BUILD_TYPE}"
            "-DEMULATOR=${_port_emulator}"
            "-DEXE_SUFFIX=${CMAKE_EXECUTABLE_SUFFIX}"
            -P "${_port_src}/run_installed.cmake")
  set_tests_properties(port_installed_package PROPERTIES
    TIMEOUT 600 SKIP_RETURN_CODE 77 SKIP_REGULAR_EXPRESSION "KMDFSIM_PORT_SKIPPED")
  list(APPEND _port_tests port_installed_package)
endif()

set_tests_properties(${_port_tests} PROPERTIES LABELS port)
