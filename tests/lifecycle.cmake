# The lifecycle test: a WDK-style driver (its own translation unit, compiled
# with driver-code flags) plus cmocka tests that load, add, start and remove it.
add_executable(test_lifecycle lifecycle/test_lifecycle.c lifecycle/lifecycle_driver.c)
target_link_libraries(test_lifecycle PRIVATE kmdfsim::kmdfsim kmdfsim_internal cmocka::cmocka)
target_include_directories(test_lifecycle PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/support")
kmdfsim_project_warnings(test_lifecycle)
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  # What driver code trips: pool tags and #pragma alloc_text.
  target_compile_options(test_lifecycle PRIVATE -Wno-multichar -Wno-unknown-pragmas)
endif()
add_test(NAME test_lifecycle COMMAND test_lifecycle)
