# Install rules and the Debian packages (CPack DEB), one package per component:
#   sango-terminal  sango, sango-kiosk, /etc/sango/terminal.toml, the kiosk's systemd unit, PAM service and session
#                   launcher, sango-seal-key, the desktop entry and icon, man pages sango(1), sango-kiosk(1),
#                   sango-terminal.toml(5), sango-seal-key(8)
#   sango-ledger    sango-ledger, /etc/sango/ledger.conf, its systemd unit, man page sango-ledger(1)
# `cpack --config build/<preset>/CPackConfig.cmake -B DIR` (or packaging/test-packages.sh) makes both .deb files.
# The presets install to /usr, so /etc and /var are the FHS places (GNUInstallDirs' special cases for /usr).
include(GNUInstallDirs)

set(SANGO_PKG_DIR ${PROJECT_SOURCE_DIR}/packaging)
set(SANGO_UNIT_DIR /lib/systemd/system) # where bookworm's own packages put units
set(SANGO_SYSCONF_DIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/sango)

# --- sango-terminal ---------------------------------------------------------------------------------------------
install(TARGETS sango sango-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT terminal)
install(PROGRAMS ${SANGO_PKG_DIR}/sango-seal-key DESTINATION ${CMAKE_INSTALL_SBINDIR} COMPONENT terminal)
install(PROGRAMS ${SANGO_PKG_DIR}/kiosk-session DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/sango COMPONENT terminal)
install(FILES ${SANGO_PKG_DIR}/terminal.toml DESTINATION ${SANGO_SYSCONF_DIR} COMPONENT terminal)
install(FILES ${SANGO_PKG_DIR}/pam/sango-kiosk DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/pam.d COMPONENT terminal)
install(FILES ${SANGO_PKG_DIR}/systemd/sango-kiosk.service DESTINATION ${SANGO_UNIT_DIR} COMPONENT terminal)
install(FILES ${SANGO_PKG_DIR}/desktop/sango-kiosk.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
        COMPONENT terminal)
install(FILES ${SANGO_PKG_DIR}/icons/sango-kiosk.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        COMPONENT terminal)
install(FILES ${SANGO_PKG_DIR}/debian/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/sango-terminal
        COMPONENT terminal)
install(FILES ${SANGO_PKG_DIR}/debian/lintian/sango-terminal DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        COMPONENT terminal)

# --- sango-ledger -----------------------------------------------------------------------------------------------
install(TARGETS sango-ledger RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ledger)
install(FILES ${SANGO_PKG_DIR}/ledger.conf DESTINATION ${SANGO_SYSCONF_DIR} COMPONENT ledger)
install(FILES ${SANGO_PKG_DIR}/systemd/sango-ledger.service DESTINATION ${SANGO_UNIT_DIR} COMPONENT ledger)
install(FILES ${SANGO_PKG_DIR}/debian/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/sango-ledger
        COMPONENT ledger)
install(FILES ${SANGO_PKG_DIR}/debian/lintian/sango-ledger DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        COMPONENT ledger)

# --- the programs stripped as dh_strip does ---------------------------------------------------------------------
# CPack's strip (CPACK_STRIP_FILES) keeps the compilers' .comment section, which lintian reports
# (binary-has-unneeded-section); when installing stripped, it goes too. After the install(TARGETS) rules above.
foreach(program sango:terminal sango-kiosk:terminal sango-ledger:ledger)
  string(REPLACE ":" ";" parts ${program})
  list(GET parts 0 file)
  list(GET parts 1 component)
  install(CODE "if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND \"${CMAKE_STRIP}\" --remove-section=.comment
      \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/${file}\" COMMAND_ERROR_IS_FATAL ANY)
  endif()" COMPONENT ${component})
endforeach()

# --- the Debian changelog: one for both packages, and where their Debian revision comes from ---------------------
# Its first line names the packages' version, e.g. `sango (0.6.0-2) bookworm; urgency=medium`: the upstream part
# must be the project's version, and the Debian revision after it is the packages' (a packaging change adds an
# entry with the next revision; a new project version, an entry with revision 1).
set(sango_changelog ${SANGO_PKG_DIR}/debian/changelog)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${sango_changelog})
file(STRINGS ${sango_changelog} sango_changelog_top LIMIT_COUNT 1)
if(NOT sango_changelog_top MATCHES "^sango \\(([0-9.]+)-([0-9]+)\\) ")
  message(FATAL_ERROR "${sango_changelog}: the first line is not `sango (VERSION-REVISION) ...`: "
                      "${sango_changelog_top}")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "${sango_changelog}: its latest entry is for ${CMAKE_MATCH_1}, the project is "
                      "${PROJECT_VERSION}: add an entry `sango (${PROJECT_VERSION}-1)` on top")
endif()
set(SANGO_DEBIAN_REVISION ${CMAKE_MATCH_2})

find_program(SANGO_GZIP gzip REQUIRED)
set(sango_changelog_gz ${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz)
add_custom_command(OUTPUT ${sango_changelog_gz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/debian
  COMMAND ${SANGO_GZIP} -9nc ${sango_changelog} > ${sango_changelog_gz}
  DEPENDS ${sango_changelog}
  COMMENT "Compressing the Debian changelog" VERBATIM)
install(FILES ${sango_changelog_gz} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/sango-terminal COMPONENT terminal)
install(FILES ${sango_changelog_gz} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/sango-ledger COMPONENT ledger)
add_custom_target(sango_changelog ALL DEPENDS ${sango_changelog_gz})

# --- man pages, compressed as Debian wants them -----------------------------------------------------------------
set(sango_man_outputs)
foreach(page sango.1:terminal sango-kiosk.1:terminal sango-terminal.toml.5:terminal sango-seal-key.8:terminal
             sango-ledger.1:ledger)
  string(REPLACE ":" ";" parts ${page})
  list(GET parts 0 file)
  list(GET parts 1 component)
  string(REGEX REPLACE "^.*\\.([0-9])$" "\\1" section ${file})
  set(out ${PROJECT_BINARY_DIR}/man/${file}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${SANGO_GZIP} -9nc ${SANGO_PKG_DIR}/man/${file} > ${out}
    DEPENDS ${SANGO_PKG_DIR}/man/${file}
    COMMENT "Compressing man page ${file}" VERBATIM)
  list(APPEND sango_man_outputs ${out})
  install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT ${component})
endforeach()
add_custom_target(sango_man_pages ALL DEPENDS ${sango_man_outputs})
# Everything the packages hold that is built: `./dev.sh package` builds this target alone (no tests), and the
# install step that CPack runs does not build `all` first.
add_custom_target(sango_shipped DEPENDS sango sango-kiosk sango-ledger sango_man_pages sango_changelog)
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

# --- CPack ------------------------------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sango)
set(CPACK_PACKAGE_VENDOR "Sango")
set(CPACK_PACKAGE_CONTACT "Sango engineers <sango@example.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL terminal ledger)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${SANGO_DEBIAN_REVISION}) # from debian/changelog
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_TERMINAL_PACKAGE_NAME sango-terminal)
set(CPACK_COMPONENT_TERMINAL_DESCRIPTION
  "Provider terminal of the municipal postpartum-care digital coupon\n\
Sango is what a care facility or a home-visiting caregiver runs to accept the\n\
municipal postpartum-care digital coupon: staff scan the mother's QR coupon to\n\
open and close care sessions, the time is rounded and deducted, every event is\n\
kept in an encrypted local store and synchronised with the municipal ledger.\n\
This package has the kiosk (sango-kiosk, run by sango-kiosk.service under the\n\
cage compositor) and the command line (sango).")
# Libraries come from dpkg-shlibdeps; these are what it cannot see: Qt's platform plugins, the GStreamer elements
# Qt 6.4's camera backend uses (v4l2src in -good; videoconvert, appsink in -base), the fonts every screen
# and PDF is drawn with, adduser for the maintainer scripts.
set(CPACK_DEBIAN_TERMINAL_PACKAGE_DEPENDS
  "adduser, qt6-qpa-plugins, fonts-noto-cjk, fonts-dejavu-core, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good")
# cage runs the kiosk unit (bookworm's cage will not start without Xwayland); qt6-wayland is the kiosk's platform there.
set(CPACK_DEBIAN_TERMINAL_PACKAGE_RECOMMENDS "cage, xwayland, qt6-wayland")
set(CPACK_DEBIAN_TERMINAL_PACKAGE_SUGGESTS "systemd, sango-ledger")
set(CPACK_DEBIAN_TERMINAL_PACKAGE_CONTROL_EXTRA
  "${SANGO_PKG_DIR}/debian/sango-terminal/postinst;${SANGO_PKG_DIR}/debian/sango-terminal/prerm;\
${SANGO_PKG_DIR}/debian/sango-terminal/postrm;${SANGO_PKG_DIR}/debian/sango-terminal/conffiles")

set(CPACK_DEBIAN_LEDGER_PACKAGE_NAME sango-ledger)
set(CPACK_COMPONENT_LEDGER_DESCRIPTION
  "Reference municipal ledger for the Sango postpartum-care coupon\n\
sango-ledger is the municipality's side of the Sango coupon: it keeps issuer\n\
keys, issues and revokes coupons, enrols provider terminals and accepts their\n\
events over HTTPS. It is the reference that pilots, demos and tests run\n\
against; sango-ledger.service serves it.")
set(CPACK_DEBIAN_LEDGER_PACKAGE_DEPENDS "adduser")
# PostgreSQL is the production engine; the embedded SQLCipher store stays the default, so only a recommendation.
set(CPACK_DEBIAN_LEDGER_PACKAGE_RECOMMENDS "postgresql")
set(CPACK_DEBIAN_LEDGER_PACKAGE_CONTROL_EXTRA
  "${SANGO_PKG_DIR}/debian/sango-ledger/postinst;${SANGO_PKG_DIR}/debian/sango-ledger/prerm;\
${SANGO_PKG_DIR}/debian/sango-ledger/postrm;${SANGO_PKG_DIR}/debian/sango-ledger/conffiles")

include(CPack)
