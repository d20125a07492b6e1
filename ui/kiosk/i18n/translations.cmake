# The kiosk's translations (included from ui/kiosk/CMakeLists.txt). The .ts files list every tr() string of the kiosk's sources; lrelease compiles them at build
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

# The compiled catalogues are their own small library, sango_i18n, which the kiosk and `sango` (for its
# printed reports in --lang) both link.
add_library(sango_i18n STATIC ${CMAKE_CURRENT_LIST_DIR}/catalogues.cpp)
target_include_directories(sango_i18n PUBLIC ${CMAKE_CURRENT_LIST_DIR})
add_library(sango::i18n ALIAS sango_i18n)
target_link_libraries(sango_i18n PUBLIC Qt6::Core PRIVATE sango::common)
qt_add_translations(sango_i18n
  TS_FILES
    ${CMAKE_CURRENT_LIST_DIR}/sango_ja.ts
    ${CMAKE_CURRENT_LIST_DIR}/sango_en.ts
    ${CMAKE_CURRENT_LIST_DIR}/sango_zh_CN.ts
  SOURCES ${sango_ui_tr_sources}
  RESOURCE_PREFIX /i18n
  LUPDATE_OPTIONS -no-obsolete -locations none
  LRELEASE_OPTIONS -silent
)
