# The README's "Writing a test" example must be exactly examples/first_test/
# first_test.c, which is built and run as the test example_first_test: the
# documentation can never drift from code that compiles and passes.
add_test(NAME readme_shows_first_test
  COMMAND "${CMAKE_COMMAND}" "-DREADME=${PROJECT_SOURCE_DIR}/README.md"
          "-DSOURCE=${PROJECT_SOURCE_DIR}/examples/first_test/first_test.c"
          -P "${CMAKE_CURRENT_SOURCE_DIR}/support/readme_matches.cmake")
