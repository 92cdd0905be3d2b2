
####### Expanded from @PACKAGE_INIT@ by configure_package_config_file() #######
####### Any changes to this file will be overwritten by the next CMake run ####
####### The input file was antqConfig.cmake.in                            ########

get_filename_component(PACKAGE_PREFIX_DIR "${CMAKE_CURRENT_LIST_DIR}/../../../" ABSOLUTE)

macro(set_and_check _var _file)
  set(${_var} "${_file}")
  if(NOT EXISTS "${_file}")
    message(FATAL_ERROR "File or directory ${_file} referenced by variable ${_var} does not exist !")
  endif()
endmacro()

macro(check_required_components _NAME)
  foreach(comp ${${_NAME}_FIND_COMPONENTS})
    if(NOT ${_NAME}_${comp}_FOUND)
      if(${_NAME}_FIND_REQUIRED_${comp})
        set(${_NAME}_FOUND FALSE)
      endif()
    endif()
  endforeach()
endmacro()

####################################################################################

include(CMakeFindDependencyMacro)
find_dependency(Boost 1.74)
find_dependency(nlohmann_json 3.10)
# antq is a static library by default; its private UTF-8 normaliser must be linkable by the consumer.
find_dependency(PkgConfig)
if(NOT TARGET PkgConfig::ANTQ_UTF8PROC)
  pkg_check_modules(ANTQ_UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
endif()

include("${CMAKE_CURRENT_LIST_DIR}/antqTargets.cmake")
check_required_components(antq)
