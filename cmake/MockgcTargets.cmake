# Warnings and language level for mock-gc's own targets only (never leaked to consumers).
add_library(mockgc_warnings INTERFACE)
target_compile_options(mockgc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${MOCKGC_WERROR}>:-Werror>)

# mockgc_library(NAME ALIAS_NAME [HEADER_ONLY]): one library per folder, sources globbed from src/,
# public headers under include/. Globbing keeps parallel work from colliding on CMakeLists edits.
function(mockgc_library name alias)
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(${name} STATIC ${_srcs})
  add_library(mockgc::${alias} ALIAS ${name})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                     PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_compile_features(${name} PUBLIC cxx_std_20)
  target_link_libraries(${name} PRIVATE mockgc_warnings)
  set_property(GLOBAL APPEND PROPERTY MOCKGC_LIBRARIES ${name})  # tests/headers checks every library's headers
endfunction()

# mockgc_executable(NAME SOURCES...): executables land in build/bin/.
function(mockgc_executable name)
  add_executable(${name} ${ARGN})
  target_compile_features(${name} PRIVATE cxx_std_20)
  target_link_libraries(${name} PRIVATE mockgc_warnings)
endfunction()
