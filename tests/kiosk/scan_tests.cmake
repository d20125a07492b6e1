# The scan screen's widget tests (included by tests/kiosk/CMakeLists.txt; the fixture sango_kiosk_fixture is
# defined there).
add_executable(sango_kiosk_scan_tests ${CMAKE_CURRENT_LIST_DIR}/test_scan_screen.cpp)
# sango_cli: the command line's English messages, which the kiosk's source strings must match.
target_link_libraries(sango_kiosk_scan_tests PRIVATE sango_kiosk_fixture sango_cli GTest::gtest_main sango::common)
set_target_properties(sango_kiosk_scan_tests PROPERTIES AUTOMOC ON)
gtest_discover_tests(sango_kiosk_scan_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
# libqrencode: QR code PNG files for the image-file scan path.
find_package(PkgConfig REQUIRED)
pkg_check_modules(QRENCODE_KIOSK REQUIRED IMPORTED_TARGET libqrencode)
target_link_libraries(sango_kiosk_scan_tests PRIVATE PkgConfig::QRENCODE_KIOSK)
