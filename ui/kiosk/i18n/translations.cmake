# The kiosk's translations (included from ui/kiosk/CMakeLists.txt, so that they join sango_kiosk_lib in its own
# directory). The .ts files list every tr() string of the kiosk's sources; lrelease compiles them at build
# time into sango_<lang>.qm, embedded as :/i18n/sango_ja.qm, :/i18n/sango_en.qm and :/i18n/sango_zh_CN.qm.
# An unfinished translation is left out by lrelease and the English source string shows instead.
#
# After adding or changing strings: `ninja sango_kiosk_lib_lupdate` (or `update_translations`) refreshes the
# .ts files in the source tree; translators then fill them with Qt Linguist.
find_package(Qt6 6.4 REQUIRED COMPONENTS LinguistTools)

# lupdate reads every source of ui/ (the kiosk's screens and the report renderer they show), as
# `lupdate ui -ts ...` from the top of the tree does.
get_filename_component(sango_ui_dir "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
file(GLOB_RECURSE sango_ui_tr_sources CONFIGURE_DEPENDS "${sango_ui_dir}/*.cpp" "${sango_ui_dir}/*.h")

qt_add_translations(sango_kiosk_lib
  TS_FILES
    ${CMAKE_CURRENT_LIST_DIR}/sango_ja.ts
    ${CMAKE_CURRENT_LIST_DIR}/sango_en.ts
    ${CMAKE_CURRENT_LIST_DIR}/sango_zh_CN.ts
  SOURCES ${sango_ui_tr_sources}
  RESOURCE_PREFIX /i18n
  LUPDATE_OPTIONS -no-obsolete -locations none
  LRELEASE_OPTIONS -silent
)
