#----------------------------------------------------------------
# Generated CMake target import file for configuration "Release".
#----------------------------------------------------------------

# Commands may need to know the format version.
set(CMAKE_IMPORT_FILE_VERSION 1)

# Import target "antq::antq" for configuration "Release"
set_property(TARGET antq::antq APPEND PROPERTY IMPORTED_CONFIGURATIONS RELEASE)
set_target_properties(antq::antq PROPERTIES
  IMPORTED_LINK_INTERFACE_LANGUAGES_RELEASE "CXX"
  IMPORTED_LOCATION_RELEASE "${_IMPORT_PREFIX}/lib/libantq.a"
  )

list(APPEND _cmake_import_check_targets antq::antq )
list(APPEND _cmake_import_check_files_for_antq::antq "${_IMPORT_PREFIX}/lib/libantq.a" )

# Commands beyond this point should not need to know the version.
set(CMAKE_IMPORT_FILE_VERSION)
