# Screenshot tests: the main screens in each language, saved as PNG under <build>/screenshots/<lang>/ for a
# person to review; a screen fails when it shows text outside its widget or a source string its language's
# catalogue does not translate.
if(NOT TARGET sango_kiosk_fixture)
  add_library(sango_kiosk_fixture STATIC ${CMAKE_CURRENT_LIST_DIR}/kiosk_fixture.cpp)
  target_include_directories(sango_kiosk_fixture PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(sango_kiosk_fixture
    PUBLIC sango::kiosk sango_test_support GTest::gtest Qt6::Widgets Qt6::Test
    PRIVATE sango::common)
endif()

add_executable(sango_kiosk_screenshot_tests ${CMAKE_CURRENT_LIST_DIR}/test_screenshots.cpp)
target_link_libraries(sango_kiosk_screenshot_tests PRIVATE sango_kiosk_fixture GTest::gtest_main sango::common)
target_compile_definitions(sango_kiosk_screenshot_tests PRIVATE
  SANGO_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots"
  SANGO_TS_DIR="${CMAKE_SOURCE_DIR}/ui/kiosk/i18n")
gtest_discover_tests(sango_kiosk_screenshot_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
