# run_case.cmake - one kmdfsim-mofgen golden or error test (tests/mofgen.cmake).
#
#   cmake -DMOFGEN=<tool> -DCASE=<dir>/<name>.mof -DWORK=<scratch dir> -DMODE=golden|error
#         [-DUPDATE=ON] -P run_case.cmake
#
# golden: the tool compiles <name>.mof (copied into WORK and named there by
#         its plain file name, so messages and outputs hold no absolute
#         paths); <name>.h and <name>.json must equal the files next to the
#         .mof, byte for byte.
# error:  the tool must fail (exit status 1) with exactly the message in
#         <name>.err on stderr, and must neither create the .json nor touch
#         an existing .h (no half-written output).
# UPDATE=ON rewrites the expected files from the tool's output instead
# (review the diff before committing it).
foreach(var MOFGEN CASE WORK MODE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_case.cmake needs -D${var}=...")
  endif()
endforeach()
get_filename_component(name "${CASE}" NAME_WE)
get_filename_component(dir "${CASE}" DIRECTORY)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(COPY "${CASE}" DESTINATION "${WORK}")

function(show_diff expected actual)
  find_program(_diff diff)
  if(_diff)
    execute_process(COMMAND "${_diff}" -u "${expected}" "${actual}" OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message("${out}")
  else()
    file(READ "${actual}" text)
    message("---- actual output ----\n${text}")
  endif()
endfunction()

if(MODE STREQUAL "golden")
  execute_process(COMMAND "${MOFGEN}" --header "${name}.h" --json "${name}.json" "${name}.mof"
    WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kmdfsim-mofgen failed on ${name}.mof (exit ${rc}):\n${err}${out}")
  endif()
  set(failed OFF)
  foreach(ext h json)
    if(UPDATE)
      file(COPY "${WORK}/${name}.${ext}" DESTINATION "${dir}")
      message(STATUS "updated ${dir}/${name}.${ext}")
      continue()
    endif()
    file(READ "${dir}/${name}.${ext}" expected)
    file(READ "${WORK}/${name}.${ext}" actual)
    if(NOT expected STREQUAL actual)
      message("${name}.${ext} differs from the expected output:")
      show_diff("${dir}/${name}.${ext}" "${WORK}/${name}.${ext}")
      set(failed ON)
    endif()
  endforeach()
  if(failed)
    message(FATAL_ERROR "golden test ${name} failed")
  endif()
elseif(MODE STREQUAL "error")
  set(sentinel "/* an older header that a failed run must leave alone */\n")
  file(WRITE "${WORK}/${name}.h" "${sentinel}")
  execute_process(COMMAND "${MOFGEN}" --header "${name}.h" --json "${name}.json" "${name}.mof"
    WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(UPDATE)
    file(WRITE "${dir}/${name}.err" "${err}")
    message(STATUS "updated ${dir}/${name}.err (exit ${rc})")
    return()
  endif()
  file(READ "${dir}/${name}.err" expected)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "expected exit status 1 for ${name}.mof, got '${rc}'\nstderr:\n${err}")
  endif()
  if(NOT err STREQUAL expected)
    message(FATAL_ERROR "wrong message for ${name}.mof\nexpected:\n${expected}actual:\n${err}")
  endif()
  if(NOT out STREQUAL "")
    message(FATAL_ERROR "unexpected output on stdout:\n${out}")
  endif()
  file(READ "${WORK}/${name}.h" header)
  if(NOT header STREQUAL sentinel)
    message(FATAL_ERROR "the failed run changed ${name}.h")
  endif()
  file(GLOB leftovers "${WORK}/*.json" "${WORK}/*tmp*")
  if(leftovers)
    message(FATAL_ERROR "the failed run left files behind: ${leftovers}")
  endif()
else()
  message(FATAL_ERROR "MODE must be golden or error")
endif()
