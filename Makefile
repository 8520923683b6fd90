# Thin wrapper over CMake giving the README's two commands.
#   make run   - install what is missing, build, seed ./data/ if empty, start the kiosk
#   make test  - install what is missing, Debug + ASan/UBSan + -Werror build, ctest
#   make test-tsan - ThreadSanitizer build of the threaded parts' tests (store, sync
#                worker, image loader, input methods, the kiosk with its threads)
#   make console - the staff's web console on the same demo store (prints its address)
#   make bench - benchmarks (long; not part of make test)
#   make soak  - a month of a lobby in accelerated virtual time against a real hub that
#                churns and goes away (hours; SOAK_DAYS, SOAK_SIZE; see bench/soak.py)
#   make deb   - Debian packages (debian/, debhelper) into build/deb/, checked by lintian
#   make deb-test - installs them on this machine (root, apt), checks, purges
#   make format / make format-check

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DATA ?= $(CURDIR)/data
BUILD_RELEASE = build/release
BUILD_TEST = build/test
BUILD_TSAN = build/tsan
# the tests that run threads: the store (the worker's and the UI's connections), the
# sync worker, the image loader, Rime's deployment thread, the kiosk with all of them,
# the console (its server thread and the preview waiter) on either backend
TSAN_TESTS = ^(store/|sync/test_worker|sync/test_screenshot|sync/test_live_kiosk|sync/test_stuck|ui/test_image|ime/|kiosk/test_photos|kiosk/test_writing|console/test_console|sync/test_console_hub)

.PHONY: all deps build run console test test-tsan bench soak deb deb-test format format-check clean

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD_RELEASE) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYANXIA_WERROR=ON >/dev/null
	@cmake --build $(BUILD_RELEASE) -j $(JOBS)

run: build
	@./scripts/run-kiosk $(BUILD_RELEASE) $(DATA)

console: build
	@./scripts/run-console $(BUILD_RELEASE) $(DATA) $(CONSOLE_ARGS)

test: deps format-check
	@cmake -S . -B $(BUILD_TEST) -DCMAKE_BUILD_TYPE=Debug -DYANXIA_WERROR=ON -DYANXIA_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_TEST) -j $(JOBS)
	@cd $(BUILD_TEST) && ctest --output-on-failure -j $(JOBS) --timeout 600

test-tsan: deps
	@cmake -S . -B $(BUILD_TSAN) -DCMAKE_BUILD_TYPE=Debug -DYANXIA_WERROR=ON -DYANXIA_TSAN=ON >/dev/null
	@cmake --build $(BUILD_TSAN) -j $(JOBS)
	@rm -rf $(BUILD_TSAN)/reports && mkdir -p $(BUILD_TSAN)/reports
	@# reports go to files too: a kiosk a test kills at its end still leaves its report
	@cd $(BUILD_TSAN) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 \
		suppressions=$(CURDIR)/tests/tsan.supp log_path=$(CURDIR)/$(BUILD_TSAN)/reports/tsan" \
		ctest --output-on-failure -j $(JOBS) --timeout 900 -R '$(TSAN_TESTS)'
	@if ls $(BUILD_TSAN)/reports | grep -q .; then \
		cat $(BUILD_TSAN)/reports/*; echo "test-tsan: ThreadSanitizer reported the above"; exit 1; fi

bench: build
	@./bench/run $(BUILD_RELEASE)

soak: build
	@BUILD=$(BUILD_RELEASE) python3 bench/soak.py

# The package build works on a copy of the tracked files in build/deb/src/ (dpkg
# writes its results next to the source folder: they stay inside build/deb/).
deb: deps
	@rm -rf build/deb && mkdir -p build/deb/src/yanxia
	@git ls-files -z --cached --others --exclude-standard | \
		xargs -0 cp -P --parents -t build/deb/src/yanxia
	@cd build/deb/src/yanxia && dpkg-buildpackage -us -uc -b -j$(JOBS) >../build.log 2>&1 || \
		{ tail -40 ../build.log; exit 1; }
	@mv build/deb/src/*.deb build/deb/
	@lintian --fail-on error build/deb/*.deb
	@ls build/deb/*.deb

deb-test: deb
	@./scripts/deb-test build/deb

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@./scripts/format-check

clean:
	rm -rf build
