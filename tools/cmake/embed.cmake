# embed_files(OUTPUT <file.cpp> NAMESPACE <ns> FUNCTION <fn> BASE <dir> FILES <f>…)
# Generates a C++ source defining
#   std::string_view <ns>::<fn>(std::string_view relative_path)   // empty view when unknown
#   std::vector<std::string_view> <ns>::<fn>_names()             // every embedded path, sorted
# so the binary carries its schemas, templates and migrations and runs from any directory.
function(embed_files)
  cmake_parse_arguments(E "" "OUTPUT;NAMESPACE;FUNCTION;BASE" "FILES" ${ARGN})
  set(deps)
  foreach(f IN LISTS E_FILES)
    list(APPEND deps ${E_BASE}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DNAMESPACE=${E_NAMESPACE} -DFUNCTION=${E_FUNCTION}
            -DBASE=${E_BASE} "-DFILES=${E_FILES}" -P ${CMAKE_SOURCE_DIR}/tools/cmake/embed_run.cmake
    DEPENDS ${deps} ${CMAKE_SOURCE_DIR}/tools/cmake/embed_run.cmake
    COMMENT "Embedding ${E_FUNCTION} files"
    VERBATIM)
endfunction()
