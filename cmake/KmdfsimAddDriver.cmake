# kmdfsim_add_driver(): build a KMDF driver's unchanged sources into a
# library that a test links with kmdfsim.
#
#   kmdfsim_add_driver(<target>
#     SOURCES <file.c|file.cpp>...
#     [MOF <file.mof>... [MOF_HEADER <name.h>...]]
#     [WPP_CONFIG <trace.h>...]
#     [INCLUDE_DIRECTORIES <dir>...]
#     [DEFINITIONS <NAME[=value]>...])
#
# What a WDK build does for a driver, done for kmdfsim:
#
# - MOF: each .mof is compiled by kmdfsim-mofgen into the header `wmimofck -h`
#   would generate (MOF_HEADER, default <mof name>mof.h, e.g. fireflymof.h)
#   and a JSON description of its classes (same name, .json), both in the
#   target's generated directory, which is on the target's include path.
# - WPP: with WPP_CONFIG, kmdfsim-wpp writes <source name>.tmh for every
#   source from the begin_wpp config ... end_wpp blocks of the given trace
#   header(s). Trace functions run the driver's PRE/POST macros and send
#   their messages to kmdfsim's log sink (include/kmdfsim/wpp.h).
# - Includes as MSVC resolves them: #include "FireFly.h" for firefly.h, or
#   "..\inc\public.h", work through forwarding headers that kmdfsim-incmap
#   writes into an overlay directory (never into the driver's tree), placed
#   after the driver's own include directories. Not needed, and not done, on
#   Windows build machines.
# - Flags: C11 (C++17 for .cpp), kmdfsim's usage requirements (its headers,
#   16-bit wchar_t), and no warnings for what real driver code does
#   (-Wno-unknown-pragmas for #pragma alloc_text/code_seg/warning,
#   -Wno-multichar for pool tags). DBG, ALLOC_PRAGMA, EVENT_TRACING,
#   WPP_TRACING and the like stay undefined unless given in DEFINITIONS.
#
# The result is a static library linked PUBLIC with kmdfsim::kmdfsim:
#   target_link_libraries(my_test PRIVATE <target> cmocka::cmocka)
#
# Outputs, for tests and clients:
#   target properties KMDFSIM_GENERATED_DIR, KMDFSIM_MOF_HEADERS,
#   KMDFSIM_MOF_JSON, KMDFSIM_INCLUDE_OVERLAY; and the variable
#   <target>_MOF_JSON (the JSON paths) in the caller's scope.
#
# Tools: in kmdfsim's own build (or as a subproject) the host tools are the
# ones tools/CMakeLists.txt builds (global properties KMDFSIM_*_COMMAND);
# from an installed package they are found in KMDFSIM_TOOLS_DIR (set by
# kmdfsimConfig.cmake) or in the prefix's bin directory.
include_guard(GLOBAL)

cmake_policy(PUSH)
cmake_policy(VERSION 3.20...3.28)

# From an installed package: where kmdfsimConfig.cmake says the tools are
# (kept globally: kmdfsim_add_driver() may be called from other directories).
if(DEFINED KMDFSIM_TOOLS_DIR)
  set_property(GLOBAL PROPERTY KMDFSIM_INSTALLED_TOOLS_DIR "${KMDFSIM_TOOLS_DIR}")
endif()

# <out_cmd> <out_depends> for tool <name> (mofgen, wpp, incmap).
function(_kmdfsim_driver_tool name out_cmd out_depends)
  string(TOUPPER "${name}" upper)
  get_property(cmd GLOBAL PROPERTY KMDFSIM_${upper}_COMMAND)
  if(cmd)
    get_property(deps GLOBAL PROPERTY KMDFSIM_HOST_TOOLS_DEPENDS)
    set(${out_cmd} "${cmd}" PARENT_SCOPE)
    set(${out_depends} "${deps}" PARENT_SCOPE)
    return()
  endif()
  # An installed kmdfsim: <prefix>/bin next to <prefix>/lib[/<arch>]/cmake/kmdfsim.
  set(hints "")
  if(KMDFSIM_TOOLS_DIR)
    list(APPEND hints "${KMDFSIM_TOOLS_DIR}")
  endif()
  get_property(installed GLOBAL PROPERTY KMDFSIM_INSTALLED_TOOLS_DIR)
  if(installed)
    list(APPEND hints "${installed}")
  endif()
  set(here "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  list(APPEND hints "${here}/../../../bin" "${here}/../../../../bin")
  find_program(KMDFSIM_${upper}_EXECUTABLE NAMES kmdfsim-${name}
    HINTS ${hints} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(NOT KMDFSIM_${upper}_EXECUTABLE)
    find_program(KMDFSIM_${upper}_EXECUTABLE NAMES kmdfsim-${name} NO_CMAKE_FIND_ROOT_PATH)
  endif()
  if(NOT KMDFSIM_${upper}_EXECUTABLE)
    message(FATAL_ERROR "kmdfsim_add_driver: cannot find kmdfsim-${name} (looked in: ${hints}); "
                        "set KMDFSIM_TOOLS_DIR to the directory holding kmdfsim's host tools")
  endif()
  set(${out_cmd} "${KMDFSIM_${upper}_EXECUTABLE}" PARENT_SCOPE)
  set(${out_depends} "${KMDFSIM_${upper}_EXECUTABLE}" PARENT_SCOPE)
endfunction()

function(kmdfsim_add_driver target)
  cmake_parse_arguments(PARSE_ARGV 1 arg ""  ""
    "SOURCES;MOF;MOF_HEADER;WPP_CONFIG;INCLUDE_DIRECTORIES;DEFINITIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "kmdfsim_add_driver(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "kmdfsim_add_driver(${target}): SOURCES is required")
  endif()
  if(NOT TARGET kmdfsim::kmdfsim)
    message(FATAL_ERROR "kmdfsim_add_driver(${target}): the target kmdfsim::kmdfsim does not exist "
                        "(add_subdirectory(kmdfsim) or find_package(kmdfsim) first)")
  endif()
  list(LENGTH arg_MOF mof_count)
  list(LENGTH arg_MOF_HEADER header_count)
  if(header_count GREATER 0 AND NOT header_count EQUAL mof_count)
    message(FATAL_ERROR "kmdfsim_add_driver(${target}): give one MOF_HEADER per MOF (${mof_count} MOF, "
                        "${header_count} MOF_HEADER)")
  endif()

  set(work "${CMAKE_CURRENT_BINARY_DIR}/${target}.kmdfsim")
  set(gen "${work}/generated")
  set(overlay "${work}/include-overlay")
  file(MAKE_DIRECTORY "${gen}")

  set(sources "")
  foreach(src IN LISTS arg_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT EXISTS "${abs}")
      message(FATAL_ERROR "kmdfsim_add_driver(${target}): source ${src} does not exist")
    endif()
    list(APPEND sources "${abs}")
  endforeach()
  set(include_dirs "")
  foreach(dir IN LISTS arg_INCLUDE_DIRECTORIES)
    get_filename_component(abs "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND include_dirs "${abs}")
  endforeach()

  add_library(${target} STATIC ${sources})
  target_link_libraries(${target} PUBLIC kmdfsim::kmdfsim)
  set_target_properties(${target} PROPERTIES
    C_STANDARD 11 C_STANDARD_REQUIRED ON
    CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
  target_include_directories(${target} PRIVATE ${include_dirs} "${gen}")
  if(arg_DEFINITIONS)
    target_compile_definitions(${target} PRIVATE ${arg_DEFINITIONS})
  endif()
  # What real driver code trips: #pragma alloc_text/code_seg/warning, pool tags.
  target_compile_options(${target} PRIVATE
    "$<$<OR:$<COMPILE_LANG_AND_ID:C,GNU,Clang,AppleClang>,$<COMPILE_LANG_AND_ID:CXX,GNU,Clang,AppleClang>>:-Wno-unknown-pragmas;-Wno-multichar>")

  set(generated_names "")
  set(mof_headers "")
  set(mof_jsons "")

  # ---- MOF ------------------------------------------------------------------
  if(arg_MOF)
    _kmdfsim_driver_tool(mofgen mofgen_cmd mofgen_deps)
    set(i 0)
    foreach(mof IN LISTS arg_MOF)
      get_filename_component(mof_abs "${mof}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      get_filename_component(mof_base "${mof}" NAME_WE)
      if(header_count GREATER 0)
        list(GET arg_MOF_HEADER ${i} header_name)
      else()
        set(header_name "${mof_base}mof.h")
      endif()
      get_filename_component(header_we "${header_name}" NAME_WE)
      set(header "${gen}/${header_name}")
      set(json "${gen}/${header_we}.json")
      add_custom_command(OUTPUT "${header}" "${json}"
        COMMAND "${mofgen_cmd}" --header "${header}" --json "${json}" "${mof_abs}"
        DEPENDS "${mof_abs}" ${mofgen_deps}
        COMMENT "kmdfsim-mofgen: ${header_name} from ${mof}"
        VERBATIM)
      target_sources(${target} PRIVATE "${header}")
      list(APPEND generated_names "${header_name}")
      list(APPEND mof_headers "${header}")
      list(APPEND mof_jsons "${json}")
      math(EXPR i "${i} + 1")
    endforeach()
  endif()

  # ---- WPP ------------------------------------------------------------------
  if(arg_WPP_CONFIG)
    _kmdfsim_driver_tool(wpp wpp_cmd wpp_deps)
    set(configs "")
    set(config_args "")
    foreach(cfg IN LISTS arg_WPP_CONFIG)
      get_filename_component(abs "${cfg}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      list(APPEND configs "${abs}")
      list(APPEND config_args --config "${abs}")
    endforeach()
    set(tmh_files "")
    set(tmh_args "")
    foreach(src IN LISTS sources)
      get_filename_component(base "${src}" NAME_WE)
      if(NOT "${gen}/${base}.tmh" IN_LIST tmh_files)
        list(APPEND tmh_files "${gen}/${base}.tmh")
        list(APPEND tmh_args -o "${gen}/${base}.tmh")
        list(APPEND generated_names "${base}.tmh")
      endif()
    endforeach()
    add_custom_command(OUTPUT ${tmh_files}
      COMMAND "${wpp_cmd}" ${config_args} ${tmh_args}
      DEPENDS ${configs} ${wpp_deps}
      COMMENT "kmdfsim-wpp: trace message headers for ${target}"
      VERBATIM)
    target_sources(${target} PRIVATE ${tmh_files})
  endif()

  # ---- MSVC-style include names ------------------------------------------------
  if(NOT CMAKE_HOST_WIN32)
    _kmdfsim_driver_tool(incmap incmap_cmd incmap_deps)
    set(stamp "${work}/include-overlay.stamp")
    set(depfile "${work}/include-overlay.d")
    set(generated_args "")
    foreach(name IN LISTS generated_names)
      list(APPEND generated_args --generated "${name}")
    endforeach()
    set(depfile_args "")
    if(CMAKE_GENERATOR MATCHES "Ninja|Makefiles")
      set(depfile_args DEPFILE "${depfile}")
    endif()
    add_custom_command(OUTPUT "${stamp}"
      COMMAND "${incmap_cmd}" --overlay "${overlay}" --stamp "${stamp}" --depfile "${depfile}"
              "--include-dirs=$<JOIN:$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>,|>"
              "--system-dirs=$<JOIN:$<TARGET_PROPERTY:kmdfsim::kmdfsim,INTERFACE_INCLUDE_DIRECTORIES>,|>"
              --generated-dir "${gen}" ${generated_args} ${sources}
      DEPENDS ${sources} ${incmap_deps}
      ${depfile_args}
      COMMENT "kmdfsim-incmap: include overlay for ${target}"
      VERBATIM)
    target_sources(${target} PRIVATE "${stamp}")
    set_source_files_properties("${stamp}" PROPERTIES HEADER_FILE_ONLY ON)
    set(overlay_dir "${overlay}/_/_/_/_/_/_/_/_")
    file(MAKE_DIRECTORY "${overlay_dir}")
    target_include_directories(${target} PRIVATE "${overlay_dir}")
  else()
    set(overlay_dir "")
  endif()

  set_target_properties(${target} PROPERTIES
    KMDFSIM_GENERATED_DIR "${gen}"
    KMDFSIM_MOF_HEADERS "${mof_headers}"
    KMDFSIM_MOF_JSON "${mof_jsons}"
    KMDFSIM_INCLUDE_OVERLAY "${overlay_dir}")
  set(${target}_MOF_JSON "${mof_jsons}" PARENT_SCOPE)
endfunction()

cmake_policy(POP)
