# mockgc_gtest(NAME LABEL label SOURCES ... LIBS ... [ENV ...])
# One GoogleTest executable per area; every TEST becomes its own CTest entry carrying LABEL.
function(mockgc_gtest name)
  cmake_parse_arguments(T "" "LABEL" "SOURCES;LIBS;ENV" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_compile_features(${name} PRIVATE cxx_std_20)
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock GTest::gtest_main mockgc_warnings)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${T_LABEL}" ENVIRONMENT "${T_ENV}")
endfunction()

# mockgc_property(NAME SOURCES ... LIBS ... [MAX_SUCCESS n]): RapidCheck through gtest, fixed seed,
# case counts sized for a 2-core CI machine. Reproduce a failure with the printed RC_PARAMS line.
function(mockgc_property name)
  cmake_parse_arguments(P "" "MAX_SUCCESS" "SOURCES;LIBS" ${ARGN})
  if(NOT P_MAX_SUCCESS)
    set(P_MAX_SUCCESS 100)
  endif()
  mockgc_gtest(${name} LABEL property SOURCES ${P_SOURCES} LIBS ${P_LIBS} rapidcheck_gtest rapidcheck
    ENV "RC_PARAMS=seed=1 max_success=${P_MAX_SUCCESS}")
endfunction()
