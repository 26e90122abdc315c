# Finds cmocka for the test suite and provides the imported target
# cmocka::cmocka, whatever form the installed package takes:
#   1. a cmocka CMake package that defines cmocka::cmocka (newer releases);
#   2. a cmocka CMake package that only sets variables (Debian's 1.1.5);
#   3. pkg-config (native builds, or cross builds with PKG_CONFIG_LIBDIR set
#      for the target: the build machine's cmocka.pc is no use to MinGW);
#   4. cross builds for Windows only: cmocka's own source, fetched at
#      configure time with scripts/fetch-cmocka-source.sh (`apt-get source
#      cmocka`) into the build tree and compiled there as a static library.
#      Nothing of cmocka is ever committed to this repository.
#      Offline, point KMDFSIM_CMOCKA_SOURCE_DIR at an unpacked cmocka 1.1.x.
find_package(cmocka 1.1 CONFIG QUIET)
if(cmocka_FOUND AND NOT TARGET cmocka::cmocka)
  if(CMOCKA_LIBRARY AND CMOCKA_INCLUDE_DIR)
    add_library(cmocka::cmocka UNKNOWN IMPORTED)
    set_target_properties(cmocka::cmocka PROPERTIES
      IMPORTED_LOCATION "${CMOCKA_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${CMOCKA_INCLUDE_DIR}")
  elseif(TARGET cmocka)
    add_library(cmocka::cmocka ALIAS cmocka)
  endif()
endif()
if(NOT TARGET cmocka::cmocka AND (NOT CMAKE_CROSSCOMPILING OR DEFINED ENV{PKG_CONFIG_LIBDIR}))
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(KMDFSIM_CMOCKA QUIET IMPORTED_TARGET cmocka>=1.1)
    if(KMDFSIM_CMOCKA_FOUND)
      add_library(cmocka::cmocka ALIAS PkgConfig::KMDFSIM_CMOCKA)
    endif()
  endif()
endif()

if(NOT TARGET cmocka::cmocka AND CMAKE_CROSSCOMPILING AND WIN32)
  set(KMDFSIM_CMOCKA_SOURCE_DIR "${CMAKE_BINARY_DIR}/_deps/cmocka-src" CACHE PATH
      "cmocka source tree compiled for Windows cross builds (fetched there with `apt-get source cmocka` when missing)")
  if(NOT EXISTS "${KMDFSIM_CMOCKA_SOURCE_DIR}/src/cmocka.c")
    find_program(KMDFSIM_BASH_EXECUTABLE bash)
    if(NOT KMDFSIM_BASH_EXECUTABLE)
      message(FATAL_ERROR "kmdfsim: fetching cmocka's source needs bash; or unpack cmocka 1.1.x yourself and "
                          "configure with -DKMDFSIM_CMOCKA_SOURCE_DIR=<dir>")
    endif()
    message(STATUS "kmdfsim: fetching cmocka's source for the Windows build into ${KMDFSIM_CMOCKA_SOURCE_DIR}")
    execute_process(
      COMMAND "${KMDFSIM_BASH_EXECUTABLE}" "${CMAKE_CURRENT_LIST_DIR}/../scripts/fetch-cmocka-source.sh"
              "${KMDFSIM_CMOCKA_SOURCE_DIR}"
      RESULT_VARIABLE _kmdfsim_fetch_result)
    if(NOT _kmdfsim_fetch_result EQUAL 0 OR NOT EXISTS "${KMDFSIM_CMOCKA_SOURCE_DIR}/src/cmocka.c")
      message(FATAL_ERROR "kmdfsim: could not fetch cmocka's source (scripts/fetch-cmocka-source.sh exited with "
                          "${_kmdfsim_fetch_result}). It needs apt-get, dpkg-dev and network access to the "
                          "distribution's mirrors. Alternatives: unpack cmocka 1.1.x and configure with "
                          "-DKMDFSIM_CMOCKA_SOURCE_DIR=<dir>, or configure with -DKMDFSIM_BUILD_TESTS=OFF.")
    endif()
  endif()

  # cmocka.c needs no generated config.h: these defines describe the target.
  # Third-party code: kmdfsim's warning set is deliberately not applied.
  add_library(kmdfsim_cmocka_static STATIC "${KMDFSIM_CMOCKA_SOURCE_DIR}/src/cmocka.c")
  target_include_directories(kmdfsim_cmocka_static PUBLIC "${KMDFSIM_CMOCKA_SOURCE_DIR}/include")
  target_compile_definitions(kmdfsim_cmocka_static PRIVATE
    HAVE_MALLOC_H HAVE_INTTYPES_H HAVE_SIGNAL_H HAVE_STRINGS_H
    $<$<C_COMPILER_ID:GNU,Clang>:HAVE_GCC_THREAD_LOCAL_STORAGE>
    $<$<C_COMPILER_ID:MSVC>:HAVE_MSVC_THREAD_LOCAL_STORAGE _CRT_SECURE_NO_WARNINGS>)
  add_library(cmocka::cmocka ALIAS kmdfsim_cmocka_static)
endif()

if(NOT TARGET cmocka::cmocka)
  message(FATAL_ERROR "kmdfsim's tests need cmocka: install it with `apt-get install libcmocka-dev`, "
                      "or configure with -DKMDFSIM_BUILD_TESTS=OFF")
endif()
