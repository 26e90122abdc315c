# CMake toolchain file: cross-build kmdfsim for 64-bit Windows with MinGW-w64
# (Debian/Ubuntu package mingw-w64) and run the resulting .exe files under
# Wine (packages wine, wine64).
#
#   cmake -S . -B build/mingw -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw-w64-x86_64.cmake
#
# ctest runs every test through CMAKE_CROSSCOMPILING_EMULATOR (Wine). Start
# wineserver and one wine process *before* ctest, and stop it afterwards
# (scripts/test.sh does this): a wineserver first started inside ctest keeps
# ctest's output pipe open and ctest never returns.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(KMDFSIM_MINGW_TRIPLET x86_64-w64-mingw32 CACHE STRING "Target triplet of the MinGW-w64 compilers")
set(CMAKE_C_COMPILER ${KMDFSIM_MINGW_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${KMDFSIM_MINGW_TRIPLET}-g++)
set(CMAKE_RC_COMPILER ${KMDFSIM_MINGW_TRIPLET}-windres)

# Search the MinGW sysroot for the target's headers, libraries and packages;
# programs (pkg-config, bash, ...) come from the build machine.
set(CMAKE_FIND_ROOT_PATH /usr/${KMDFSIM_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Link the GCC runtime (libgcc, libstdc++, winpthreads) statically: Wine
# then needs no MinGW DLL next to the test executables (a missing DLL shows
# up as status c0000135).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")

if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(KMDFSIM_WINE_EXECUTABLE NAMES wine wine64 PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
  if(KMDFSIM_WINE_EXECUTABLE)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${KMDFSIM_WINE_EXECUTABLE}")
  endif()
endif()
