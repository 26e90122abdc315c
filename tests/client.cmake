# The WMI client tests: a WDK-style driver (its own translation unit,
# compiled with driver-code flags) queried end to end through the simulated
# WMI kernel with the user-mode (wmium.h) and kernel-mode (IoWMI*) APIs,
# and a multi-threaded stress test (label "stress"; run it under
# ThreadSanitizer too).
set(KMDFSIM_CLIENT_TEST_DRIVER client/client_driver.c)

add_executable(test_client
  client/main.c
  client/client_support.c
  client/test_query.c
  client/test_set_method.c
  client/test_multi.c
  client/test_events.c
  client/test_kernel.c
  ${KMDFSIM_CLIENT_TEST_DRIVER})
add_executable(test_client_stress client/test_client_stress.c ${KMDFSIM_CLIENT_TEST_DRIVER})

foreach(target test_client test_client_stress)
  # kmdfsim_internal: src/ headers (client/wmi_kernel.h registration stats, platform threads for the stress test).
  target_link_libraries(${target} PRIVATE kmdfsim::kmdfsim kmdfsim_internal cmocka::cmocka)
  kmdfsim_project_warnings(${target})
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    # What driver code trips: pool tags and #pragma alloc_text.
    target_compile_options(${target} PRIVATE -Wno-multichar -Wno-unknown-pragmas)
  endif()
endforeach()

add_test(NAME test_client COMMAND test_client)
# A lock held across a callback, or a request that never ends, would hang: fail in time.
set_tests_properties(test_client PROPERTIES TIMEOUT 120)
add_test(NAME test_client_stress COMMAND test_client_stress)
set_tests_properties(test_client_stress PROPERTIES TIMEOUT 300 LABELS stress)
