# A consumer that forgets the 16-bit wchar_t flag must get a compile-time error
# that names the fix, never silently wrong data. Only meaningful where the
# compiler's wchar_t is 32-bit by default (GCC/Clang outside Windows).
if(NOT WIN32 AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  add_test(NAME wchar_guard_names_the_fix
    COMMAND "${CMAKE_C_COMPILER}" -std=c11 -fsyntax-only -I "${PROJECT_SOURCE_DIR}/include"
            "${CMAKE_CURRENT_SOURCE_DIR}/wchar_guard/probe.c")
  # The compiler fails (as it must); the test passes only if the message names the fix.
  set_tests_properties(wchar_guard_names_the_fix PROPERTIES PASS_REGULAR_EXPRESSION "Compile with -fshort-wchar")
endif()
