# The WMI IRP test: a WDK-style driver with WMI providers and instances (its
# own translation unit, compiled with driver-code flags) and cmocka tests
# that send it raw IRP_MJ_SYSTEM_CONTROL requests (kmdf-wmi-semantics.md §3).
add_executable(test_wmi_irp
  wmi_irp/main.c
  wmi_irp/wmi_irp_driver.c
  wmi_irp/wmi_irp_support.c
  wmi_irp/test_prologue.c
  wmi_irp/test_query_all_data.c
  wmi_irp/test_query_single.c
  wmi_irp/test_set.c
  wmi_irp/test_execute.c
  wmi_irp/test_enable_disable.c
  wmi_irp/test_reginfo.c
  wmi_irp/test_guard_reentry.c)
# kmdfsim_internal: src/ headers (client/wmi_kernel.h: the simulated WMI's registration copy and event hook).
target_link_libraries(test_wmi_irp PRIVATE kmdfsim::kmdfsim kmdfsim_internal cmocka::cmocka)
kmdfsim_project_warnings(test_wmi_irp)
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  # What driver code trips: pool tags and #pragma alloc_text.
  target_compile_options(test_wmi_irp PRIVATE -Wno-multichar -Wno-unknown-pragmas)
endif()
add_test(NAME test_wmi_irp COMMAND test_wmi_irp)
# A WMI lock held across a callback would deadlock the re-entry tests: fail them in time.
set_tests_properties(test_wmi_irp PROPERTIES TIMEOUT 120)
