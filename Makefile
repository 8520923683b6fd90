# Thin wrapper over CMake giving the README's two commands.
#   make run   - install what is missing, build, seed ./data/ if empty, start the kiosk
#   make test  - install what is missing, Debug + ASan/UBSan + -Werror build, ctest
#   make bench - benchmarks (long; not part of make test)
#   make format / make format-check

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DATA ?= $(CURDIR)/data
BUILD_RELEASE = build/release
BUILD_TEST = build/test

.PHONY: all deps build run test bench format format-check clean

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD_RELEASE) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYANXIA_WERROR=ON >/dev/null
	@cmake --build $(BUILD_RELEASE) -j $(JOBS)

run: build
	@./scripts/run-kiosk $(BUILD_RELEASE) $(DATA)

test: deps format-check
	@cmake -S . -B $(BUILD_TEST) -DCMAKE_BUILD_TYPE=Debug -DYANXIA_WERROR=ON -DYANXIA_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_TEST) -j $(JOBS)
	@cd $(BUILD_TEST) && ctest --output-on-failure -j $(JOBS) --timeout 600

bench: build
	@./bench/run $(BUILD_RELEASE)

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@./scripts/format-check

clean:
	rm -rf build
