# test_multi_tu: a driver-style header that defines a GUID (after initguid.h)
# and declares a WDF context type, included by several C translation units
# and a C++ one of the same program. Each unit emits the objects; the test
# checks that the program ends up with one of each, seen at one address from
# C and C++ alike.
add_executable(test_multi_tu
  "${CMAKE_CURRENT_LIST_DIR}/multi_tu/multi_tu_main.c"
  "${CMAKE_CURRENT_LIST_DIR}/multi_tu/multi_tu_a.c"
  "${CMAKE_CURRENT_LIST_DIR}/multi_tu/multi_tu_b.c"
  "${CMAKE_CURRENT_LIST_DIR}/multi_tu/multi_tu_cpp.cpp")
target_link_libraries(test_multi_tu PRIVATE kmdfsim::kmdfsim cmocka::cmocka)
target_compile_features(test_multi_tu PRIVATE cxx_std_17)
kmdfsim_project_warnings(test_multi_tu)
add_test(NAME test_multi_tu COMMAND test_multi_tu)
