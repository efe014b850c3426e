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

# mockgc_browser_test(NAME SCRIPT file.test.mjs [ENV k=v ...] [FIXTURES_REQUIRED f ...] [TIMEOUT s])
# A node:test script run against the system chromium (tests/browser/lib/browser.mjs launches it), label
# `browser`. The script is copied next to the shared node_modules (tests/browser installs them) and imports
# './lib/browser.mjs'. Screenshots go to build/screenshots/.
find_program(MOCKGC_NODE node)
find_program(MOCKGC_NPM npm)
find_program(MOCKGC_CHROMIUM NAMES chromium chromium-browser)
set(MOCKGC_BROWSER_WORK ${PROJECT_BINARY_DIR}/tests/browser/work)

# mockgc_npm_ci(PREFIX WORKDIR dir FIXTURE name RESULT var [LABEL label] [PROGRAMS var ...] [ENV K=V ...])
# `npm ci` in WORKDIR as the test <PREFIX>.npm_ci (FIXTURES_SETUP name, CTest label LABEL, default PREFIX);
# sets RESULT TRUE. When node, npm or a program named by PROGRAMS (find_program variables) is missing, it
# registers a failing <PREFIX>.toolchain test instead (fail loudly rather than skip: scripts/install-deps.sh
# installs them) and sets RESULT FALSE.
function(mockgc_npm_ci prefix)
  cmake_parse_arguments(N "" "WORKDIR;FIXTURE;RESULT;LABEL" "PROGRAMS;ENV" ${ARGN})
  set(label ${prefix})
  if(N_LABEL)
    set(label ${N_LABEL})
  endif()
  foreach(_program MOCKGC_NODE MOCKGC_NPM ${N_PROGRAMS})
    if(NOT ${_program})
      add_test(NAME ${prefix}.toolchain COMMAND ${CMAKE_COMMAND} -E false)
      set_tests_properties(${prefix}.toolchain PROPERTIES LABELS ${label})
      message(WARNING "${_program} not found: the ${prefix} tests will fail (run scripts/install-deps.sh)")
      set(${N_RESULT} FALSE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  add_test(NAME ${prefix}.npm_ci
    COMMAND ${CMAKE_COMMAND} -E env ${N_ENV} ${MOCKGC_NPM} ci --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY ${N_WORKDIR})
  set_tests_properties(${prefix}.npm_ci PROPERTIES FIXTURES_SETUP ${N_FIXTURE} LABELS ${label} TIMEOUT 300)
  set(${N_RESULT} TRUE PARENT_SCOPE)
endfunction()
function(mockgc_browser_test name)
  cmake_parse_arguments(B "" "SCRIPT;TIMEOUT" "ENV;FIXTURES_REQUIRED" ${ARGN})
  if(NOT MOCKGC_NODE OR NOT MOCKGC_NPM OR NOT MOCKGC_CHROMIUM)
    return()  # mockgc_npm_ci in tests/browser registers the failing browser.toolchain test instead
  endif()
  if(NOT B_TIMEOUT)
    set(B_TIMEOUT 180)
  endif()
  get_filename_component(_script ${B_SCRIPT} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  get_filename_component(_file ${_script} NAME)
  configure_file(${_script} ${MOCKGC_BROWSER_WORK}/${_file} COPYONLY)
  add_test(NAME ${name}
    COMMAND ${MOCKGC_NODE} --test --test-reporter=spec ${_file}
    WORKING_DIRECTORY ${MOCKGC_BROWSER_WORK})
  set_tests_properties(${name} PROPERTIES
    FIXTURES_REQUIRED "browser_node_modules;${B_FIXTURES_REQUIRED}" LABELS browser TIMEOUT ${B_TIMEOUT}
    ENVIRONMENT "MOCKGC_CHROMIUM=${MOCKGC_CHROMIUM};MOCKGC_SCREENSHOT_DIR=${PROJECT_BINARY_DIR}/screenshots;${B_ENV}")
endfunction()
