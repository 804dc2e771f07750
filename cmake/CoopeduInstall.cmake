# Install rules: headers, both libraries, pkg-config file and a relocatable
# CMake package (find_package(coopedu) -> coopedu::coopedu, coopedu::coopedu_static).

include(CMakePackageConfigHelpers)

set(COOPEDU_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/coopedu")
set(COOPEDU_PC_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

install(TARGETS coopedu coopedu_static EXPORT coopeduTargets
	LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
	ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
	RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
	INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(FILES "${PROJECT_SOURCE_DIR}/include/coopedu.h"
	DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/coopedu"
	DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
	FILES_MATCHING PATTERN "*.h")

install(EXPORT coopeduTargets
	NAMESPACE coopedu::
	DESTINATION "${COOPEDU_CMAKE_INSTALL_DIR}")

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
	DESTINATION "${COOPEDU_CMAKE_INSTALL_DIR}")

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
	DESTINATION "${COOPEDU_PC_INSTALL_DIR}")
