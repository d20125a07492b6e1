# The manager's pages and the printable report (included by tests/kiosk/CMakeLists.txt). Both use the shared
# fixture (kiosk_fixture.*: store, FakeClock, Terminal, KioskContext, QApplication on the offscreen platform)
# and read PDFs back with poppler-utils (pdf_text.h).
add_executable(sango_report_pdf_tests ${CMAKE_CURRENT_LIST_DIR}/test_report_pdf.cpp)
target_link_libraries(sango_report_pdf_tests PRIVATE sango_kiosk_fixture sango::report_pdf GTest::gtest_main
  sango::common)
gtest_discover_tests(sango_report_pdf_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

add_executable(sango_kiosk_manager_tests ${CMAKE_CURRENT_LIST_DIR}/test_manager_pages.cpp)
target_link_libraries(sango_kiosk_manager_tests PRIVATE sango_kiosk_fixture GTest::gtest_main sango::common)
gtest_discover_tests(sango_kiosk_manager_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

# The kiosk's confined file picker and the export check (file_roots.h, confined_file_dialog.h).
add_executable(sango_kiosk_files_tests ${CMAKE_CURRENT_LIST_DIR}/test_file_roots.cpp)
target_link_libraries(sango_kiosk_files_tests PRIVATE sango_kiosk_fixture GTest::gtest_main sango::common)
gtest_discover_tests(sango_kiosk_files_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS unit ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
