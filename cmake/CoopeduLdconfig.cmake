# coopedu_refresh_loader_cache(LIBDIR): run as root and not staged (no
# DESTDIR), refreshes the loader cache when LIBDIR is one ldconfig scans
# (/usr/local/lib, /usr/lib/<multiarch>, ...). Programs linked without a run
# path find a library there only through that cache. Used at install time
# (cmake_install.cmake) and by CoopeduUninstall.cmake.

function(coopedu_refresh_loader_cache libdir)
	if(NOT "$ENV{DESTDIR}" STREQUAL "")
		return()
	endif()
	execute_process(COMMAND id -u OUTPUT_VARIABLE _uid OUTPUT_STRIP_TRAILING_WHITESPACE)
	find_program(_ldconfig ldconfig PATHS /sbin /usr/sbin NO_CACHE)
	if(NOT _uid STREQUAL "0" OR NOT _ldconfig)
		return()
	endif()
	# -v -N -X lists the directories ldconfig scans and changes nothing.
	execute_process(COMMAND "${_ldconfig}" -v -N -X OUTPUT_VARIABLE _scanned ERROR_QUIET)
	get_filename_component(libdir "${libdir}" REALPATH)
	string(REGEX MATCHALL "(^|\n)/[^:\n]*:" _dirs "${_scanned}")
	foreach(_d IN LISTS _dirs)
		string(REGEX REPLACE "^\n?(.*):$" "\\1" _d "${_d}")
		get_filename_component(_d "${_d}" REALPATH)
		if(_d STREQUAL libdir)
			message(STATUS "Refreshing the loader cache: ${_ldconfig}")
			execute_process(COMMAND "${_ldconfig}" RESULT_VARIABLE _rc)
			if(NOT _rc EQUAL 0)
				message(WARNING "ldconfig failed (${_rc}): run it as root by hand")
			endif()
			return()
		endif()
	endforeach()
endfunction()
