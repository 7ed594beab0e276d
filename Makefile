# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build/cpp
# fonts-wqy-zenhei: Chinese chart labels; chromium: the HTML report test takes a headless screenshot.
APT_PACKAGES := libeigen3-dev libboost-date-time-dev doctest-dev fonts-wqy-zenhei chromium
JOBS ?= $(shell nproc)

.PHONY: demo test test-sanitize setup system-deps python cpp-test python-test clean

demo: python
	$(PY) -m ontrack assess \
	  --targets examples/data/seed_targets.csv --targets examples/data/national_targets.csv \
	  --observations examples/data/observations.csv
	@mkdir -p build && $(PY) -m ontrack assess \
	  --targets examples/data/seed_targets.csv --targets examples/data/national_targets.csv \
	  --observations examples/data/observations.csv --format html --output build/report.html
	@echo "HTML report with a chart per assessable target: build/report.html"

test: cpp-test python-test

# Debian packages for the C++ side, installed only when missing (these machines run as root; elsewhere
# run the printed apt-get line with sudo, or see the README for Homebrew/conda equivalents).
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v cmake >/dev/null || missing="$$missing cmake"; \
	command -v ninja >/dev/null || missing="$$missing ninja-build"; \
	command -v g++ >/dev/null || missing="$$missing g++"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	fi

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# The package with its test extras, built by scikit-build-core (incremental: build/<wheel tag>).
python: system-deps $(PY)
	$(PY) -m pip install -q ".[test]"

cpp-test: system-deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

python-test: python
	$(PY) -m pytest

# The C++ suites under AddressSanitizer + UndefinedBehaviorSanitizer (CMakePresets.json, preset "sanitize").
test-sanitize: system-deps
	cmake --preset sanitize >/dev/null
	cmake --build --preset sanitize -j $(JOBS)
	ctest --preset sanitize -j $(JOBS)

# libFuzzer targets in fuzz/ (clang, ASan, UBSan): `make fuzz`, FUZZ_SECONDS (default 60) per target.
include fuzz/fuzz.mk

clean:
	rm -rf build $(VENV)
