# The README's "Writing a test" example, extracted from README.md at configure
# time and built as a test, so the documentation can never drift from code
# that compiles and passes.
file(READ "${PROJECT_SOURCE_DIR}/README.md" KMDFSIM_README)
string(FIND "${KMDFSIM_README}" "## Writing a test" KMDFSIM_README_SECTION)
if(KMDFSIM_README_SECTION EQUAL -1)
  message(FATAL_ERROR "README.md has no '## Writing a test' section")
endif()
string(SUBSTRING "${KMDFSIM_README}" ${KMDFSIM_README_SECTION} -1 KMDFSIM_README_TAIL)
string(FIND "${KMDFSIM_README_TAIL}" "```c\n" KMDFSIM_BLOCK_START)
string(SUBSTRING "${KMDFSIM_README_TAIL}" ${KMDFSIM_BLOCK_START} -1 KMDFSIM_README_TAIL)
string(SUBSTRING "${KMDFSIM_README_TAIL}" 5 -1 KMDFSIM_README_TAIL)
string(FIND "${KMDFSIM_README_TAIL}" "```" KMDFSIM_BLOCK_END)
string(SUBSTRING "${KMDFSIM_README_TAIL}" 0 ${KMDFSIM_BLOCK_END} KMDFSIM_README_CODE)
file(CONFIGURE OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/readme_example.c" CONTENT "${KMDFSIM_README_CODE}" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/README.md")

add_executable(test_readme_example "${CMAKE_CURRENT_BINARY_DIR}/readme_example.c")
target_link_libraries(test_readme_example PRIVATE kmdfsim::kmdfsim cmocka::cmocka)
kmdfsim_project_warnings(test_readme_example)
add_test(NAME test_readme_example COMMAND test_readme_example)
