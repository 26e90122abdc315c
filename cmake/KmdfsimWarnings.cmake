# kmdfsim_project_warnings(<target>)
# Applies kmdfsim's warning set to one of the project's own targets (never to
# driver code compiled for a consumer). KMDFSIM_WERROR turns them into errors;
# CI sets it.
function(kmdfsim_project_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wvla -Wshadow -Wformat=2 -Wundef
      -Wpointer-arith -Wcast-qual -Wwrite-strings
      $<$<COMPILE_LANGUAGE:C>:-Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition>)
    if(KMDFSIM_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4)
    if(KMDFSIM_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  endif()
endfunction()
