# incmap_cases.cmake - kmdfsim-incmap on a small scratch tree (port_incmap_cases):
# names in comments are ignored, names that resolve are left alone, names
# that only MSVC resolves get forwarding headers, names that resolve
# nowhere are skipped, ambiguous case-insensitive matches pick one file
# deterministically, and entries that are no longer needed are removed.
#
#   cmake -DINCMAP=<tool> -DWORK=<scratch dir> -P incmap_cases.cmake
foreach(var INCMAP WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "incmap_cases.cmake needs -D${var}=...")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
set(src "${WORK}/drv/src")
file(MAKE_DIRECTORY "${src}/sub" "${WORK}/drv/inc")
file(WRITE "${src}/local.h" "#define LOCAL 1\n")
file(WRITE "${src}/sub/deep.h" "#include \"..\\LOCAL.h\"\n")
file(WRITE "${src}/commented.h" "\n")
file(WRITE "${src}/exact.h" "\n")
file(WRITE "${src}/AMBIG.h" "\n")
file(WRITE "${src}/Ambig.h" "\n")
file(WRITE "${WORK}/drv/inc/shared.h" "\n")
set(lines
  "/* #include \"Commented.h\" */"
  "// #include \"Commented.h\""
  "/*"
  "#include \"COMMENTED.H\""
  "*/"
  "#include \"Local.H\""
  "#include \"sub\\Deep.h\""
  "  #  include \"exact.h\""
  "#include <Missing.h>"
  "#include \"ambig.h\""
  "#include <Shared.H>"
  "int x;")
list(JOIN lines "\n" text)
file(WRITE "${src}/a.c" "${text}\n")

function(run_incmap)
  execute_process(COMMAND "${INCMAP}" --overlay "${WORK}/overlay" --stamp "${WORK}/stamp" --depfile "${WORK}/deps.d"
                          "--include-dirs=${WORK}/drv/inc" "${src}/a.c"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kmdfsim-incmap failed (${rc}): ${err}")
  endif()
  file(READ "${WORK}/stamp" stamp)
  set(stamp "${stamp}" PARENT_SCOPE)
endfunction()

set(deep "${WORK}/overlay/_/_/_/_/_/_/_/_")
run_incmap()
message(STATUS "first run:\n${stamp}")
foreach(expected
    "\"Local.H\" -> ${src}/local.h"
    "\"sub\\Deep.h\" -> ${src}/sub/deep.h"
    "\"..\\LOCAL.h\" -> ${src}/local.h"
    "\"ambig.h\" -> ${src}/AMBIG.h"
    "\"Shared.H\" -> ${WORK}/drv/inc/shared.h")
  string(FIND "${stamp}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing mapping ${expected}")
  endif()
endforeach()
if(NOT stamp MATCHES "^5 forwarding header")
  message(FATAL_ERROR "expected exactly 5 mappings")
endif()
if(stamp MATCHES "ommented|COMMENTED|exact.h|Missing.h")
  message(FATAL_ERROR "a name in a comment, a name that resolves, or a missing file was mapped")
endif()
file(READ "${deep}/Local.H" forward)
if(NOT forward MATCHES "#include \"${src}/local.h\"")
  message(FATAL_ERROR "the forwarding header does not include the real file:\n${forward}")
endif()
file(READ "${WORK}/deps.d" deps)
if(NOT deps MATCHES "sub/deep.h" OR NOT deps MATCHES "a.c")
  message(FATAL_ERROR "the depfile does not list the files read:\n${deps}")
endif()

# The #include "sub\Deep.h" line goes away: so do its forwarding headers.
list(REMOVE_ITEM lines "#include \"sub\\Deep.h\"")
list(JOIN lines "\n" text)
file(WRITE "${src}/a.c" "${text}\n")
run_incmap()
if(NOT stamp MATCHES "^3 forwarding header")
  message(FATAL_ERROR "expected 3 mappings after the edit:\n${stamp}")
endif()
file(GLOB left RELATIVE "${deep}" "${deep}/*")
list(SORT left)
if(NOT left STREQUAL "Local.H;Shared.H;ambig.h")
  message(FATAL_ERROR "stale forwarding headers were not removed: ${left}")
endif()
