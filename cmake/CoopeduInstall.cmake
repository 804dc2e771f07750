# Install rules: headers, both libraries, pkg-config file and a relocatable
# CMake package (find_package(coopedu) -> coopedu::coopedu, coopedu::coopedu_static).
#
# Every rule names a component, one per Debian package (cmake/CoopeduPackage.cmake):
#   lib     libcoopedu0      the shared library (SONAME libcoopedu.so.0)
#   dev     libcoopedu-dev   headers, the .so link, the static library, .pc, CMake files
#   cli     coopedu          the command line
#   python  python3-coopedu  the Python package
# A plain `cmake --install` installs them all.

include(CMakePackageConfigHelpers)

# Installed programs find the installed library relative to themselves
# ($ORIGIN), so a tree installed under any prefix runs as it lies. A library
# directory the loader searches anyway (/usr/lib/<multiarch>: the Debian
# packages) gets no run path: Debian forbids one there.
list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" _libdir_implicit)
if(_libdir_implicit EQUAL -1)
	set(COOPEDU_LIBDIR_IS_SYSTEM OFF)
else()
	set(COOPEDU_LIBDIR_IS_SYSTEM ON)
endif()

# coopedu_install_rpath(TARGET DEST): TARGET is installed into DEST (relative
# to the prefix, or absolute) and links libcoopedu.so.
function(coopedu_install_rpath target dest)
	if(COOPEDU_LIBDIR_IS_SYSTEM)
		return()
	endif()
	if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${dest}")
		set(_rpath "${CMAKE_INSTALL_FULL_LIBDIR}")
	else()
		file(RELATIVE_PATH _rel "/_/${dest}" "/_/${CMAKE_INSTALL_LIBDIR}")
		set(_rpath "$ORIGIN/${_rel}")
	endif()
	set_target_properties(${target} PROPERTIES INSTALL_RPATH "${_rpath}")
endfunction()

set(COOPEDU_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/coopedu")
set(COOPEDU_PC_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

install(TARGETS coopedu coopedu_static EXPORT coopeduTargets
	LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT lib NAMELINK_COMPONENT dev
	ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT dev
	RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT lib
	INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# Installing into a directory the loader caches (/usr/local/lib, /usr/lib...)
# as root refreshes the cache, or programs linked without a run path would
# not find libcoopedu.so.0 until the next ldconfig. A staged install
# (DESTDIR: packaging) leaves that to the package's trigger.
install(CODE "include(\"${PROJECT_SOURCE_DIR}/cmake/CoopeduLdconfig.cmake\")
	if(IS_ABSOLUTE \"${CMAKE_INSTALL_LIBDIR}\")
		coopedu_refresh_loader_cache(\"${CMAKE_INSTALL_LIBDIR}\")
	else()
		coopedu_refresh_loader_cache(\"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}\")
	endif()" COMPONENT lib)

install(FILES "${PROJECT_SOURCE_DIR}/include/coopedu.h"
	DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/coopedu"
	DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev
	FILES_MATCHING PATTERN "*.h")

install(EXPORT coopeduTargets
	NAMESPACE coopedu::
	DESTINATION "${COOPEDU_CMAKE_INSTALL_DIR}" COMPONENT dev)

configure_package_config_file(
	"${PROJECT_SOURCE_DIR}/cmake/coopeduConfig.cmake.in"
	"${PROJECT_BINARY_DIR}/coopeduConfig.cmake"
	INSTALL_DESTINATION "${COOPEDU_CMAKE_INSTALL_DIR}")
# A release keeps the ABI of every earlier one with its major version (the
# SONAME is the major version): 0.2 only added to 0.1, with versioned
# structs. An ABI break bumps the major version, and with it the SONAME.
write_basic_package_version_file(
	"${PROJECT_BINARY_DIR}/coopeduConfigVersion.cmake"
	COMPATIBILITY SameMajorVersion)
install(FILES
	"${PROJECT_BINARY_DIR}/coopeduConfig.cmake"
	"${PROJECT_BINARY_DIR}/coopeduConfigVersion.cmake"
	DESTINATION "${COOPEDU_CMAKE_INSTALL_DIR}" COMPONENT dev)

# The .pc file locates itself through ${pcfiledir}, so it stays right when
# the tree is installed with `cmake --install --prefix` or DESTDIR.
function(coopedu_pc_dir out dir)
	if(IS_ABSOLUTE "${dir}")
		set(${out} "${dir}" PARENT_SCOPE)
	else()
		set(${out} "\${prefix}/${dir}" PARENT_SCOPE)
	endif()
endfunction()
if(IS_ABSOLUTE "${COOPEDU_PC_INSTALL_DIR}")
	set(COOPEDU_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
	file(RELATIVE_PATH _up "/_/${COOPEDU_PC_INSTALL_DIR}" "/_")
	string(REGEX REPLACE "/$" "" _up "${_up}")
	set(COOPEDU_PC_PREFIX "\${pcfiledir}/${_up}")
endif()
coopedu_pc_dir(COOPEDU_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
coopedu_pc_dir(COOPEDU_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
configure_file("${PROJECT_SOURCE_DIR}/pkgconfig/coopedu.pc.in"
	"${PROJECT_BINARY_DIR}/coopedu.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/coopedu.pc"
	DESTINATION "${COOPEDU_PC_INSTALL_DIR}" COMPONENT dev)

# `cmake --build BUILD --target uninstall` (and `make uninstall`): removes
# what the last install of this build tree put down, nothing else.
add_custom_target(uninstall
	COMMAND "${CMAKE_COMMAND}" -DMANIFEST=${PROJECT_BINARY_DIR}/install_manifest.txt
		-P "${PROJECT_SOURCE_DIR}/cmake/CoopeduUninstall.cmake"
	COMMENT "Removing the files listed in install_manifest.txt"
	VERBATIM)
