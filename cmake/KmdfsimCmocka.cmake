# Finds cmocka for the test suite and provides the imported target
# cmocka::cmocka, whatever form the installed package takes:
#   1. a cmocka CMake package that defines cmocka::cmocka (newer releases);
#   2. a cmocka CMake package that only sets variables (Debian's 1.1.5);
#   3. pkg-config.
# (Cross builds for Windows: see below; filled in by the MinGW support.)
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
if(NOT TARGET cmocka::cmocka)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(KMDFSIM_CMOCKA QUIET IMPORTED_TARGET cmocka>=1.1)
    if(KMDFSIM_CMOCKA_FOUND)
      add_library(cmocka::cmocka ALIAS PkgConfig::KMDFSIM_CMOCKA)
    endif()
  endif()
endif()
if(NOT TARGET cmocka::cmocka)
  message(FATAL_ERROR "kmdfsim's tests need cmocka: install it with `apt-get install libcmocka-dev`, "
                      "or configure with -DKMDFSIM_BUILD_TESTS=OFF")
endif()
