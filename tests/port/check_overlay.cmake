# check_overlay.cmake - the port test's include overlay maps exactly the MSVC-style
# names the driver uses, and the driver's own tree is left as it was.
#
#   cmake -DSTAMP=<include-overlay.stamp> -DDRIVER_DIR=<tests/port/driver> -P check_overlay.cmake
file(READ "${STAMP}" stamp)
set(expected_names
  "\"FireFly.h\" -> "
  "\"..\\inc\\Public.h\" -> "
  "\"..\\Common\\Version.h\" -> "
  "\"../Inc/public.h\" -> "
  "\"WdmGuid.h\" -> "
  "\"FireflyMof.h\" -> "
  "\"trace.h\" -> "
  "\"driver.tmh\" -> ")
foreach(name IN LISTS expected_names)
  string(FIND "${stamp}" "${name}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the include overlay does not map ${name}\n${stamp}")
  endif()
endforeach()
if(NOT stamp MATCHES "^8 forwarding header")
  message(FATAL_ERROR "expected 8 forwarding headers:\n${stamp}")
endif()
# The overlay must not map names that resolve as written ("wmi.tmh", <ntddk.h>).
if(stamp MATCHES "\"wmi.tmh\"|\"ntddk.h\"")
  message(FATAL_ERROR "the overlay maps a name that needs no help:\n${stamp}")
endif()
file(GLOB_RECURSE files RELATIVE "${DRIVER_DIR}" "${DRIVER_DIR}/*")
list(SORT files)
set(original common/version.h inc/public.h src/Driver.c src/Trace.h src/firefly.h src/firefly.mof src/wmi.c)
if(NOT files STREQUAL original)
  message(FATAL_ERROR "the driver tree changed: ${files}")
endif()
