# The kiosk shell's widget tests (included by tests/kiosk/CMakeLists.txt): sign-in, roles, idle sign-out, the
# language switch, the first run, start-up failures, KioskApp's command line. Offscreen platform.
find_package(Qt6 6.4 REQUIRED COMPONENTS Test Widgets LinguistTools)
add_executable(sango_kiosk_shell_tests ${CMAKE_CURRENT_LIST_DIR}/test_shell.cpp)
target_link_libraries(sango_kiosk_shell_tests PRIVATE sango_kiosk_fixture GTest::gtest_main sango::common)
set_target_properties(sango_kiosk_shell_tests PROPERTIES AUTOMOC ON)

# Test translations with a few finished strings (the product's .ts files are still empty), compiled next to
# the test; the product's own :/i18n resources are tested as they are.
set(sango_shell_test_ts
  ${CMAKE_CURRENT_LIST_DIR}/shell_i18n/sango_ja.ts
  ${CMAKE_CURRENT_LIST_DIR}/shell_i18n/sango_zh_CN.ts)
set_source_files_properties(${sango_shell_test_ts} PROPERTIES OUTPUT_LOCATION ${CMAKE_CURRENT_BINARY_DIR}/shell_i18n)
qt_add_lrelease(sango_kiosk_shell_tests TS_FILES ${sango_shell_test_ts} NO_GLOBAL_TARGET)
target_compile_definitions(sango_kiosk_shell_tests PRIVATE
  SANGO_TEST_QM_DIR="${CMAKE_CURRENT_BINARY_DIR}/shell_i18n")

gtest_discover_tests(sango_kiosk_shell_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
