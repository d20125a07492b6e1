# Screenshot tests: the main screens in each language, saved as PNG under <build>/screenshots/<lang>/ for a
# person to review; a screen fails when it shows text outside its widget or a source string its language's
# catalogue does not translate.
add_executable(sango_kiosk_screenshot_tests ${CMAKE_CURRENT_LIST_DIR}/test_screenshots.cpp)
target_link_libraries(sango_kiosk_screenshot_tests PRIVATE sango_kiosk_fixture GTest::gtest_main sango::common)
target_compile_definitions(sango_kiosk_screenshot_tests PRIVATE
  SANGO_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots"
  SANGO_TS_DIR="${CMAKE_SOURCE_DIR}/ui/i18n")
gtest_discover_tests(sango_kiosk_screenshot_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
