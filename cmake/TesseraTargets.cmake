# Helpers that give every Tessera target the same warnings and standard.

function(tessera_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()

# tessera_add_library(name SOURCES a.cpp b.h ... [DEPENDS lib ...] [PUBLIC_DEPENDS lib ...])
function(tessera_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PUBLIC_DEPENDS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  tessera_warnings(${name})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_DEPENDS} PRIVATE ${ARG_DEPENDS})
endfunction()
