# Language level, warnings and sanitizers for every target in the tree.
# Included once from the top-level CMakeLists.txt, before any target.

set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
# Plain -std=c11, not gnu11: GNU extensions must be asked for explicitly.
set(CMAKE_C_EXTENSIONS OFF)

# Project code (library, tests, examples) may use POSIX.1-2008 (strdup,
# mkstemp, pthreads...). Applied per target, not globally, so the header
# test proves the public headers need no feature macro.
set(COOPEDU_POSIX_DEFINITIONS _POSIX_C_SOURCE=200809L)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
	set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
	add_compile_options(-Wall -Wextra)
	if(COOPEDU_WERROR)
		add_compile_options(-Werror)
	endif()
elseif(COOPEDU_WERROR)
	message(WARNING "COOPEDU_WERROR is only implemented for GCC and Clang")
endif()

# The coverage build (make coverage, docs/reliability.md): line and branch
# counts for gcovr; unoptimised so that lines map to code.
if(COOPEDU_COVERAGE)
	add_compile_options(--coverage -O0)
	add_link_options(--coverage)
endif()

# The fuzz build (tests/fuzz, docs/reliability.md): everything instrumented
# for libFuzzer's coverage and checked by ASan + UBSan.
if(COOPEDU_FUZZ)
	if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
		message(FATAL_ERROR "COOPEDU_FUZZ needs clang (-DCMAKE_C_COMPILER=clang)")
	endif()
	set(COOPEDU_SANITIZE ON)
	add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(COOPEDU_SANITIZE)
	if(NOT CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
		message(FATAL_ERROR "COOPEDU_SANITIZE needs GCC or Clang")
	endif()
	set(COOPEDU_SANITIZE_FLAGS
		-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
	add_compile_options(${COOPEDU_SANITIZE_FLAGS})
	add_link_options(${COOPEDU_SANITIZE_FLAGS})
endif()
