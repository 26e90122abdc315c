# Build dependencies of the library itself: threads and uthash (header-only).
# uthash comes from the distribution (uthash-dev); it is never vendored.
find_package(Threads REQUIRED)

find_path(KMDFSIM_UTHASH_INCLUDE_DIR uthash.h)
if(NOT KMDFSIM_UTHASH_INCLUDE_DIR AND CMAKE_CROSSCOMPILING)
  # A cross build's find root hides the host's /usr/include. Adding that
  # directory to the include path would shadow the target's C library, so
  # copy the single header into the build tree instead.
  find_file(KMDFSIM_UTHASH_HOST_HEADER uthash.h
    PATHS /usr/include /usr/local/include
    NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(KMDFSIM_UTHASH_HOST_HEADER)
    file(COPY "${KMDFSIM_UTHASH_HOST_HEADER}" DESTINATION "${PROJECT_BINARY_DIR}/uthash-include")
    set(KMDFSIM_UTHASH_INCLUDE_DIR "${PROJECT_BINARY_DIR}/uthash-include" CACHE PATH "" FORCE)
  endif()
endif()
if(NOT KMDFSIM_UTHASH_INCLUDE_DIR)
  message(FATAL_ERROR "kmdfsim needs uthash.h: install it with `apt-get install uthash-dev`")
endif()
