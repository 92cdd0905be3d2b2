# Proves the umbrella header offers everything: each public header under include/antq (not detail/) is included
# by antq/antq.hpp, so a C++ user who includes the umbrella sees the whole library.
# Run by ctest as: cmake -DINCLUDE_DIR=<source>/include -P check_umbrella.cmake
get_filename_component(INCLUDE_DIR "${INCLUDE_DIR}" ABSOLUTE)
file(READ ${INCLUDE_DIR}/antq/antq.hpp umbrella)
file(GLOB_RECURSE headers RELATIVE ${INCLUDE_DIR} ${INCLUDE_DIR}/antq/*.hpp)
set(missing)
foreach(header IN LISTS headers)
  if(header STREQUAL "antq/antq.hpp" OR header MATCHES "/detail/")
    continue()
  endif()
  string(FIND "${umbrella}" "#include <${header}>" at)
  if(at EQUAL -1)
    list(APPEND missing ${header})
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "public headers antq/antq.hpp does not include: ${missing}")
endif()
