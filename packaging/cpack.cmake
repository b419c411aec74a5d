# Two Debian packages from one build (cpack -G DEB, or "make package"):
#   backstep-cli  the command line, for servers and CI: Qt Core, Qt Sql and the
#                 SQLite and PostgreSQL drivers, no GUI library
#   backstep      the desktop app, its desktop entry, metainfo and icons; depends
#                 on backstep-cli of the same version
# Depends comes from dpkg-shlibdeps (the libraries the executables link), plus the
# Qt SQL drivers, which Qt loads as plugins at run time, so shlibdeps cannot see them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME backstep)
set(CPACK_PACKAGE_VENDOR "Backstep")
set(CPACK_PACKAGE_CONTACT "Backstep maintainers <maintainers@backstep.invalid>"
    CACHE STRING "Maintainer field of the Debian packages")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${BACKSTEP_HOMEPAGE}")
# Executables only: strip them (the build keeps its debug information).
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli gui)
set(CPACK_COMPONENT_GUI_DEPENDS cli)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME backstep-cli)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION database)
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql")
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "will this older build boot on this database? (command line)
 backstep-cli runs an app's numbered SQL migrations the way the app does at boot,
 recording for each one whether it is backward-compatible, and answers the
 downgrade question: may this older build boot on this SQLite or PostgreSQL
 database? It checks that every migration's declared flag tells the truth by
 replaying it on a scratch database, and rehearses a rollback for real while
 leaving the database unchanged.
 .
 This package has no GUI dependencies, for servers and CI containers.")

set(CPACK_DEBIAN_GUI_PACKAGE_NAME backstep)
set(CPACK_DEBIAN_GUI_PACKAGE_SECTION database)
# Qt picks Wayland's platform plugin when there is one and XWayland otherwise.
set(CPACK_DEBIAN_GUI_PACKAGE_RECOMMENDS "qt6-wayland")
set(CPACK_COMPONENT_GUI_DESCRIPTION
    "will this older build boot on this database? (desktop app)
 Backstep shows the migrations ledger of an app's SQLite or PostgreSQL database
 as a timeline and answers, for any release of the app, whether it would boot
 on that database, naming every migration that blocks it and why. It simulates
 and rehearses a rollback before it is done for real, and opens databases
 read-only.")

include(CPack)
