# Debian packages with CPack (`make package`, scripts/package.sh): one per
# install component, split as Debian splits a library:
#   libcoopedu0      lib     the shared library, named after its SONAME
#   libcoopedu-dev   dev     headers, the .so link, the static library, .pc, CMake files
#   coopedu          cli     the command line
#   python3-coopedu  python  the Python package
# Build them from a tree configured for /usr (scripts/package.sh does):
# there the libraries go to /usr/lib/<multiarch> and nothing carries a run path.

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
	message(STATUS "coopedu: this tree installs into ${CMAKE_INSTALL_PREFIX}; Debian packages "
		"come from a /usr tree: make package (scripts/package.sh)")
endif()

option(COOPEDU_DEBIAN_DOCS
	"Install each package's Debian copyright and changelog (packaging builds)" OFF)
set(COOPEDU_PACKAGE_MAINTAINER "libcoopedu maintainers <maintainers@coopedu.example.org>"
	CACHE STRING "Maintainer field of the Debian packages")
set(COOPEDU_DEBIAN_REVISION 1 CACHE STRING "Debian revision of the packages (VERSION-REVISION)")

set(_deb_version "${PROJECT_VERSION}-${COOPEDU_DEBIAN_REVISION}")
set(_deb_lib libcoopedu${PROJECT_VERSION_MAJOR})
set(_components lib dev cli)
if(COOPEDU_PYTHON)
	list(APPEND _components python)
endif()

# Debian wants a copyright file and a Debian changelog in every package's
# /usr/share/doc/<package>.
if(COOPEDU_DEBIAN_DOCS)
	string(TIMESTAMP _deb_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
	set(_deb_doc "${PROJECT_BINARY_DIR}/debian-doc")
	file(MAKE_DIRECTORY "${_deb_doc}")
	file(WRITE "${_deb_doc}/changelog.Debian"
		"libcoopedu (${_deb_version}) unstable; urgency=medium\n\n"
		"  * Upstream release ${PROJECT_VERSION}: see /usr/share/doc/${_deb_lib}/changelog.gz.\n\n"
		" -- ${COOPEDU_PACKAGE_MAINTAINER}  ${_deb_date}\n")
	find_program(GZIP_EXECUTABLE gzip REQUIRED)
	foreach(_f changelog.Debian)
		execute_process(COMMAND "${GZIP_EXECUTABLE}" -9nf "${_deb_doc}/${_f}" COMMAND_ERROR_IS_FATAL ANY)
	endforeach()
	configure_file("${PROJECT_SOURCE_DIR}/CHANGELOG.md" "${_deb_doc}/changelog" COPYONLY)
	execute_process(COMMAND "${GZIP_EXECUTABLE}" -9nf "${_deb_doc}/changelog" COMMAND_ERROR_IS_FATAL ANY)
	foreach(_comp IN LISTS _components)
		if(_comp STREQUAL "lib")
			set(_pkg ${_deb_lib})
		elseif(_comp STREQUAL "dev")
			set(_pkg libcoopedu-dev)
		elseif(_comp STREQUAL "cli")
			set(_pkg coopedu)
		else()
			set(_pkg python3-coopedu)
		endif()
		set(_files "${PROJECT_SOURCE_DIR}/packaging/debian/copyright"
			"${_deb_doc}/changelog.Debian.gz")
		if(_comp STREQUAL "lib")
			list(APPEND _files "${_deb_doc}/changelog.gz")
		endif()
		install(FILES ${_files} DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/${_pkg}"
			COMPONENT ${_comp})
	endforeach()
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME libcoopedu)
set(CPACK_PACKAGE_VENDOR "libcoopedu")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${COOPEDU_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL ${_components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${COOPEDU_DEBIAN_REVISION})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${COOPEDU_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "")
# Depends from what each package's binaries link (dpkg-shlibdeps), and the
# library's shlibs so packages built against it depend on this version or later.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
# libcoopedu.so.0 is in no installed package yet: dpkg-shlibdeps finds it in
# the build tree and, with no shlibs for it there, leaves it to the explicit
# Depends on libcoopedu0 below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

# A synopsis line, then paragraphs; CPack indents them as Debian wants.
set(_about "libcoopedu keeps the records of university-industry cooperative
education: partners, agreements, projects and their thesis subtopics,
students, supervisors, placements, outcomes and graduate destinations,
with every rule enforced, in SQLite or PostgreSQL.")

set(CPACK_DEBIAN_LIB_PACKAGE_NAME ${_deb_lib})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_DESCRIPTION "cooperative education records library
${_about}

This package holds the shared library.")
# The loader cache follows the library by trigger, as Debian's own do.
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/packaging/debian/triggers")
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libcoopedu-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE "${CPACK_DEBIAN_PACKAGE_ARCHITECTURE}")
# The static library and the .pc file's Requires.private need these; a new
# dependency goes here too (package_deb checks every Requires.private module).
set(_dev_depends "${_deb_lib} (= ${_deb_version}), libsqlite3-dev, libjansson-dev, libyajl-dev, libcsv-dev, libxlsxwriter-dev")
if(COOPEDU_POSTGRESQL)
	string(APPEND _dev_depends ", libpq-dev")
endif()
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${_dev_depends}")
set(CPACK_DEBIAN_DEV_DESCRIPTION "cooperative education records library - development files
${_about}

This package holds the headers, the static library, and the pkg-config
and CMake files to build programs with libcoopedu.")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME coopedu)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
# dpkg-shlibdeps adds the system libraries; our own library's package is
# named here (it is built alongside, not yet installed).
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "${_deb_lib} (>= ${_deb_version})")
set(CPACK_DEBIAN_CLI_DESCRIPTION "cooperative education records - command line
${_about}

This package holds the coopedu command: records, reports, import and
export, from the shell.")

if(COOPEDU_PYTHON)
	find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter)
	set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-coopedu)
	set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
	# The extension module is built for this interpreter's minor version.
	math(EXPR _py_next "${Python3_VERSION_MINOR} + 1")
	set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
		"${_deb_lib} (>= ${_deb_version}), python3 (>= ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}~), python3 (<< ${Python3_VERSION_MAJOR}.${_py_next})")
	set(CPACK_DEBIAN_PYTHON_DESCRIPTION "cooperative education records - Python 3 bindings
${_about}

This package holds the coopedu Python package.")
endif()

include(CPack)
