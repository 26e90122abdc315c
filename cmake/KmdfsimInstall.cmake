# Install rules, CMake package and pkg-config file (included by the top-level
# CMakeLists.txt when KMDFSIM_INSTALL is ON).
#
# Layout under the prefix:
#   lib/libkmdfsim.a (or .so/.dll)         the library
#   include/kmdfsim/*.h                    the harness API (#include <kmdfsim/kmdfsim.h>)
#   include/kmdfsim/wdk/*.h                the WDK surface (ntddk.h, wdm.h, wdf.h, ...),
#                                          kept out of <prefix>/include so that it never
#                                          shadows another ntddk.h
#   lib/cmake/kmdfsim/                     find_package(kmdfsim CONFIG) -> kmdfsim::kmdfsim
#   lib/pkgconfig/kmdfsim.pc               pkg-config --cflags --libs kmdfsim
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(KMDFSIM_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/kmdfsim" CACHE STRING
    "Where kmdfsimConfig.cmake is installed, relative to the prefix")
set(KMDFSIM_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where kmdfsim.pc is installed, relative to the prefix")
mark_as_advanced(KMDFSIM_INSTALL_CMAKEDIR KMDFSIM_INSTALL_PKGCONFIGDIR)

# ---- Library and headers ------------------------------------------------------
# The target's INSTALL_INTERFACE include directories are `include` and
# `include/kmdfsim/wdk` (src/CMakeLists.txt); a non-default include dir is
# added to the exported target here.
set(_kmdfsim_extra_includes)
if(NOT CMAKE_INSTALL_INCLUDEDIR STREQUAL "include")
  set(_kmdfsim_extra_includes INCLUDES DESTINATION
      "${CMAKE_INSTALL_INCLUDEDIR}" "${CMAKE_INSTALL_INCLUDEDIR}/kmdfsim/wdk")
endif()
install(TARGETS kmdfsim
  EXPORT kmdfsimTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  ${_kmdfsim_extra_includes})

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/kmdfsim/"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kmdfsim"
  FILES_MATCHING PATTERN "*.h")

# Everything else directly under include/ is the WDK surface (one header per
# WDK header name), plus any subfolder of it.
file(GLOB _kmdfsim_wdk_headers CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/include/*.h")
install(FILES ${_kmdfsim_wdk_headers} DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kmdfsim/wdk")
file(GLOB _kmdfsim_include_entries LIST_DIRECTORIES true "${PROJECT_SOURCE_DIR}/include/*")
foreach(_entry IN LISTS _kmdfsim_include_entries)
  get_filename_component(_name "${_entry}" NAME)
  if(IS_DIRECTORY "${_entry}" AND NOT _name STREQUAL "kmdfsim")
    install(DIRECTORY "${_entry}" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kmdfsim/wdk"
      FILES_MATCHING PATTERN "*.h")
  endif()
endforeach()

# ---- CMake package ------------------------------------------------------------
set(_kmdfsim_pkg_dir "${PROJECT_BINARY_DIR}/kmdfsim-package")
install(EXPORT kmdfsimTargets
  NAMESPACE kmdfsim::
  FILE kmdfsimTargets.cmake
  DESTINATION "${KMDFSIM_INSTALL_CMAKEDIR}")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/kmdfsimConfig.cmake.in"
  "${_kmdfsim_pkg_dir}/kmdfsimConfig.cmake"
  INSTALL_DESTINATION "${KMDFSIM_INSTALL_CMAKEDIR}")
# 0.x releases may break the API in a minor release.
write_basic_package_version_file("${_kmdfsim_pkg_dir}/kmdfsimConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES "${_kmdfsim_pkg_dir}/kmdfsimConfig.cmake" "${_kmdfsim_pkg_dir}/kmdfsimConfigVersion.cmake"
  DESTINATION "${KMDFSIM_INSTALL_CMAKEDIR}")

# The driver-porting function and the host tools it runs (MOF compiler, WPP shim, include mapper).
get_property(_kmdfsim_host_tools GLOBAL PROPERTY KMDFSIM_HOST_TOOL_INSTALL_FILES)
install(PROGRAMS ${_kmdfsim_host_tools} DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES "${CMAKE_CURRENT_LIST_DIR}/KmdfsimAddDriver.cmake" DESTINATION "${KMDFSIM_INSTALL_CMAKEDIR}")

# ---- pkg-config -----------------------------------------------------------------
# Paths are relative to the .pc file (${pcfiledir}) so that the prefix can be
# chosen at install time (`cmake --install build --prefix /opt/x`) or moved;
# an install into /usr keeps absolute paths (pkg-config then drops the
# default -I/usr/include).
option(KMDFSIM_PKGCONFIG_RELOCATABLE "Write kmdfsim.pc with paths relative to its own location"
       ON)
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr" OR IS_ABSOLUTE "${KMDFSIM_INSTALL_PKGCONFIGDIR}")
  set(KMDFSIM_PKGCONFIG_RELOCATABLE OFF)
endif()
if(KMDFSIM_PKGCONFIG_RELOCATABLE)
  file(RELATIVE_PATH _kmdfsim_pc_up "/prefix/${KMDFSIM_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" _kmdfsim_pc_up "${_kmdfsim_pc_up}")
  set(KMDFSIM_PC_PREFIX "\${pcfiledir}/${_kmdfsim_pc_up}")
else()
  set(KMDFSIM_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
endif()
foreach(_kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_kind}}")
    set(KMDFSIM_PC_${_kind} "${CMAKE_INSTALL_${_kind}}")
  else()
    set(KMDFSIM_PC_${_kind} "\${prefix}/${CMAKE_INSTALL_${_kind}}")
  endif()
endforeach()

# 16-bit wchar_t is mandatory (the headers #error without it); Windows has it.
set(KMDFSIM_PC_CFLAGS "-I\${includedir}/kmdfsim/wdk -I\${includedir}")
set(_kmdfsim_pc_threads "")
if(NOT WIN32)
  string(APPEND KMDFSIM_PC_CFLAGS " -fshort-wchar")
  set(_kmdfsim_pc_threads "-pthread")
endif()
# A static library's own dependencies must be on every consumer's link line;
# a shared one carries them itself.
get_target_property(_kmdfsim_type kmdfsim TYPE)
if(_kmdfsim_type STREQUAL "STATIC_LIBRARY")
  string(STRIP "-L\${libdir} -lkmdfsim ${_kmdfsim_pc_threads}" KMDFSIM_PC_LIBS)
  set(KMDFSIM_PC_LIBS_PRIVATE "")
else()
  set(KMDFSIM_PC_LIBS "-L\${libdir} -lkmdfsim")
  set(KMDFSIM_PC_LIBS_PRIVATE "${_kmdfsim_pc_threads}")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/kmdfsim.pc.in" "${_kmdfsim_pkg_dir}/kmdfsim.pc" @ONLY)
install(FILES "${_kmdfsim_pkg_dir}/kmdfsim.pc" DESTINATION "${KMDFSIM_INSTALL_PKGCONFIGDIR}")
