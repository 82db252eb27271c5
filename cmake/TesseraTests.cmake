# Wall-clock limits of tests are written for an optimised build. A sanitizer build (Debug,
# ASan/UBSan, TSan) runs the same work several times slower, so TESSERA_TEST_TIME_FACTOR
# scales every limit a test has: the ctest TIMEOUT of tessera_add_qtest and
# tessera_test_timeout, Qt Test's per-function watchdog (QTEST_FUNCTION_TIMEOUT, 300 s
# by default), and the waits a test scales with tests/test_time.h, which reads the
# factor from the environment variable of the same name that ctest sets here (a run by
# hand of a sanitizer build sets it itself). An environment variable, not a compile
# definition, so changing the factor rebuilds nothing. What a test checks stays the same;
# only how long a slow build may take to get there changes.
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=(address|thread|memory)")
  set(tessera_default_time_factor 5)
else()
  set(tessera_default_time_factor 1)
endif()
set(TESSERA_TEST_TIME_FACTOR ${tessera_default_time_factor} CACHE STRING
    "Multiplier for test timeouts and waits (default 5 with -fsanitize=address|thread|memory, else 1)")
if(NOT TESSERA_TEST_TIME_FACTOR MATCHES "^[1-9][0-9]*$")
  message(FATAL_ERROR "TESSERA_TEST_TIME_FACTOR must be a whole number >= 1, "
                      "not '${TESSERA_TEST_TIME_FACTOR}'")
endif()

# tessera_test_timeout(test seconds): TIMEOUT of an add_test entry, scaled, and the
# factor in its environment (call it after setting the test's ENVIRONMENT).
function(tessera_test_timeout name seconds)
  math(EXPR scaled "${seconds} * ${TESSERA_TEST_TIME_FACTOR}")
  set_tests_properties(${name} PROPERTIES TIMEOUT ${scaled})
  if(TESSERA_TEST_TIME_FACTOR GREATER 1)
    set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT
                 TESSERA_TEST_TIME_FACTOR=${TESSERA_TEST_TIME_FACTOR})
  endif()
endfunction()

# tessera_add_qtest(tst_name SOURCES tst_name.cpp ... LIBS lib ... [GUI] [TIMEOUT s])
# One Qt Test executable and one ctest entry per unit. GUI tests run offscreen.
function(tessera_add_qtest name)
  cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBS;ENVIRONMENT" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  tessera_warnings(${name})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    TESSERA_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    TESSERA_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  set(env QT_QPA_PLATFORM=offscreen ${ARG_ENVIRONMENT})
  if(TESSERA_TEST_TIME_FACTOR GREATER 1)
    math(EXPR watchdog_ms "300000 * ${TESSERA_TEST_TIME_FACTOR}")
    list(APPEND env QTEST_FUNCTION_TIMEOUT=${watchdog_ms}
         TESSERA_TEST_TIME_FACTOR=${TESSERA_TEST_TIME_FACTOR})
  endif()
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}")
  if(ARG_TIMEOUT)
    math(EXPR scaled "${ARG_TIMEOUT} * ${TESSERA_TEST_TIME_FACTOR}")
    set_tests_properties(${name} PROPERTIES TIMEOUT ${scaled})
  endif()
endfunction()
