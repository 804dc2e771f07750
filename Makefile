# Convenience front end over CMake. `make test` is what CI runs.

BUILD_DIR  ?= build
ASAN_DIR   ?= build-asan
DEB_DIR    ?= build-deb
FUZZ_DIR   ?= build-fuzz
COV_DIR    ?= build-cov
# The coverage of lib/ the tests must keep (make coverage; docs/reliability.md).
COVERAGE_LINE_FLOOR   ?= 90
COVERAGE_BRANCH_FLOOR ?= 80
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# The system interpreter, never a pyenv/virtualenv one that happens to be first on PATH.
PYTHON     ?= /usr/bin/python3
DEMO_DB    ?= $(BUILD_DIR)/coopedu-demo.db
CLI        := $(BUILD_DIR)/examples/cli/coopedu

CMAKE_ARGS  = --no-warn-unused-cli -DPython3_EXECUTABLE=$(PYTHON) -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DCOOPEDU_PYTHON=ON
FUZZ_ARGS   = --no-warn-unused-cli -DCMAKE_C_COMPILER=clang -DCOOPEDU_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_ENV    = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all setup build test check-long coverage demo clean install uninstall package funnel

all: build

setup:
	bash scripts/setup.sh

build:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

# Both suites run even if the first fails; the exit status reports either.
test: setup build
	@rc=0; \
	(cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) -LE long) || rc=1; \
	echo "== sanitizer build ($(ASAN_DIR))"; \
	if cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCOOPEDU_SANITIZE=ON $(CMAKE_ARGS) && \
	   cmake --build $(ASAN_DIR) -j$(JOBS); then \
		(cd $(ASAN_DIR) && $(ASAN_ENV) ctest --output-on-failure -j$(JOBS) -LE long) || rc=1; \
	else \
		echo "sanitizer build failed"; rc=1; \
	fi; \
	echo "== fuzzers, a few seconds each ($(FUZZ_DIR), clang)"; \
	if cmake -S . -B $(FUZZ_DIR) $(FUZZ_ARGS) && cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzzers; then \
		(cd $(FUZZ_DIR) && ctest --output-on-failure -j$(JOBS) -L '^fuzz$$') || rc=1; \
	else \
		echo "fuzz build failed (clang comes with make setup)"; rc=1; \
	fi; \
	if [ $$rc -ne 0 ]; then echo "make test: FAILED"; fi; \
	exit $$rc

# The long forms of the reliability harnesses (docs/reliability.md): every
# allocation and I/O fault point, under the sanitizers so that leaks count,
# every crash point, then each fuzzer for COOPEDU_FUZZ_LONG_SECONDS. Hours.
check-long: setup
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCOOPEDU_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(ASAN_DIR) -j$(JOBS)
	cd $(ASAN_DIR) && $(ASAN_ENV) ctest --output-on-failure -j$(JOBS) -L long
	cmake -S . -B $(FUZZ_DIR) $(FUZZ_ARGS)
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzzers
	cd $(FUZZ_DIR) && ctest --output-on-failure -j$(JOBS) -R '^long_fuzz_'

# Line and branch coverage of lib/ by the whole suite (the long forms
# excepted, and the install, package and ABI checks, which build outside
# programs against the library), with an HTML report in $(COV_DIR)/coverage/; fails below the floors.
coverage: setup
	cmake -S . -B $(COV_DIR) -DCMAKE_BUILD_TYPE=Debug -DCOOPEDU_COVERAGE=ON $(CMAKE_ARGS)
	cmake --build $(COV_DIR) -j$(JOBS)
	find $(COV_DIR) -name '*.gcda' -delete
	@# a failing test is make test's to report; here it only lowers the figures
	cd $(COV_DIR) && ctest -j$(JOBS) -LE 'long|valgrind|bench|install|package|abi' || \
		echo "coverage: some tests failed; the figures miss what they did not run"
	mkdir -p $(COV_DIR)/coverage
	gcovr --root . --object-directory $(COV_DIR) --filter 'lib/' \
		--exclude-unreachable-branches --print-summary \
		--html-details $(COV_DIR)/coverage/index.html \
		--fail-under-line $(COVERAGE_LINE_FLOOR) --fail-under-branch $(COVERAGE_BRANCH_FLOOR)

demo: setup build
	@test -x $(CLI) || { echo "no CLI built ($(CLI))"; exit 1; }
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(CLI) --db $(DEMO_DB) demo
	@echo "demo database: $(abspath $(DEMO_DB)); try: $(CLI) --db $(DEMO_DB) check"

# Into a system prefix as root, the install refreshes the loader cache.
install: setup build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# Removes exactly what the last `make install` put down ($(BUILD_DIR)/install_manifest.txt).
uninstall:
	cmake -DMANIFEST=$(abspath $(BUILD_DIR))/install_manifest.txt -P cmake/CoopeduUninstall.cmake

# Debian packages in $(DEB_DIR): libcoopedu0, libcoopedu-dev, coopedu, python3-coopedu.
package: setup
	PYTHON=$(PYTHON) JOBS=$(JOBS) sh scripts/package.sh $(DEB_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(DEB_DIR) $(FUZZ_DIR) $(COV_DIR)

# The analyst's example: the outcome funnel of the demo database, printed and charted.
funnel: demo
	PYTHONPATH=$(BUILD_DIR)/bindings/python $(PYTHON) examples/python/funnel.py $(DEMO_DB) -o $(BUILD_DIR)/funnel.png
