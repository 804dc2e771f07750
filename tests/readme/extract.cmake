# Writes the first ```c block of README.md (IN) to OUT, so the README's C
# tour is compiled and run as a test and cannot drift from the API.
file(READ "${IN}" text)
string(FIND "${text}" "```c\n" start)
if(start EQUAL -1)
	message(FATAL_ERROR "${IN}: no ```c block")
endif()
math(EXPR start "${start} + 5")
string(SUBSTRING "${text}" ${start} -1 rest)
string(FIND "${rest}" "```" end)
string(SUBSTRING "${rest}" 0 ${end} code)
file(WRITE "${OUT}" "${code}")
