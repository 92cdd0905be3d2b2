# Compiles one public header on its own and lists every header it pulls in (the compiler's -M output); fails if
# one of them matches FORBIDDEN. Keeps Boost.Graph behind the OrgGraph facade: plain-data headers such as
# directive.hpp must not drag it into every user's translation units.
# cmake -DCXX=... -DINCLUDE_DIR=include -DGENERATED_INCLUDE_DIR=<build>/include -DHEADER=antq/directive/directive.hpp
#       -DFORBIDDEN=boost/graph -DWORK_DIR=... -P check_header_dependencies.cmake
set(flags -I${INCLUDE_DIR} -I${GENERATED_INCLUDE_DIR})
file(WRITE ${WORK_DIR}/probe.cpp "#include <${HEADER}>\n")
execute_process(COMMAND ${CXX} -std=c++20 ${flags} -M ${WORK_DIR}/probe.cpp
                OUTPUT_VARIABLE dependencies ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${HEADER} does not compile on its own:\n${errors}")
endif()
string(FIND "${dependencies}" "${FORBIDDEN}" at)
if(NOT at EQUAL -1)
  string(REGEX MATCH "[^ \n\\\\]*${FORBIDDEN}[^ \n\\\\]*" first "${dependencies}")
  message(FATAL_ERROR "${HEADER} includes ${FORBIDDEN} (first: ${first})")
endif()
message(STATUS "${HEADER}: no ${FORBIDDEN}")
