# mockgc_header_checks(TARGET): checks on the public headers (include/**/*.hpp) of a library made with
# mockgc_library. Every header compiles on its own, included twice in one translation unit (so it carries
# its own includes and its include guard), with the project's warnings; one small TU per header in an
# OBJECT library `<TARGET>_headers`, so a missing include fails the build naming the header. And no public
# header includes Boost (CTest `<name>.public_headers_are_boost_free`, label unit): Asio and Beast stay in
# src/, so including any library stays cheap.
function(mockgc_header_checks target)
  get_target_property(_dir ${target} SOURCE_DIR)
  string(REGEX REPLACE "^mockgc_" "" _name ${target})
  file(GLOB_RECURSE _headers CONFIGURE_DEPENDS RELATIVE ${_dir}/include ${_dir}/include/*.hpp)
  if(NOT _headers)
    return()
  endif()
  set(_tus)
  foreach(_h IN LISTS _headers)
    set(_tu ${CMAKE_CURRENT_BINARY_DIR}/${_name}/${_h}.cpp)
    file(CONFIGURE OUTPUT ${_tu} CONTENT "#include \"${_h}\"\n#include \"${_h}\"\n")
    list(APPEND _tus ${_tu})
  endforeach()
  add_library(${target}_headers OBJECT ${_tus})
  target_link_libraries(${target}_headers PRIVATE ${target} mockgc_warnings)
  add_test(NAME ${_name}.public_headers_are_boost_free
           COMMAND sh -c "! grep -rnE '#include[[:space:]]*<boost/' '${_dir}/include'")
  set_tests_properties(${_name}.public_headers_are_boost_free PROPERTIES LABELS unit)
endfunction()
