# The keyboard-wedge filter (ui/kiosk/wedge_filter.*) on a real QLineEdit under the offscreen platform, with an
# injected time source (hal devices' own tests are in tests/hal/devices).
find_package(Qt6 6.4 REQUIRED COMPONENTS Test Widgets)
add_executable(sango_wedge_filter_tests ${CMAKE_CURRENT_LIST_DIR}/test_wedge_filter.cpp)
set_target_properties(sango_wedge_filter_tests PROPERTIES AUTOMOC ON)
target_link_libraries(sango_wedge_filter_tests PRIVATE sango::kiosk sango::common Qt6::Test GTest::gtest)
gtest_discover_tests(sango_wedge_filter_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT QT_QPA_PLATFORM=offscreen)
