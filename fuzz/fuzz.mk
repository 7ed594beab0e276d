# libFuzzer targets (included by the top-level Makefile: `make fuzz`, FUZZ_SECONDS per target).
# Each target is built with clang and -fsanitize=fuzzer,address,undefined into build/fuzz/ and run for
# FUZZ_SECONDS on a working corpus in build/fuzz/corpus-<target>/ seeded from fuzz/corpus/<target>/
# (the seeds stay as committed). Crashes are written to build/fuzz/crash-<target>-*.
# fuzz/fuzz_extraction.cpp (the plan-text extractor) joins the list when it exists.
FUZZ_SECONDS ?= 60
FUZZ_CXX ?= clang++
FUZZ_BUILD := build/fuzz
FUZZ_FLAGS := -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Ilib/include $(shell pkg-config --cflags eigen3 2>/dev/null || echo -I/usr/include/eigen3)
FUZZ_TARGETS := $(patsubst fuzz/%.cpp,%,$(wildcard fuzz/fuzz_*.cpp))

.PHONY: fuzz fuzz-build fuzz-deps

fuzz-deps: system-deps
	@if ! command -v clang++ >/dev/null; then \
	  echo "installing: clang"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null; fi; \
	fi; \
	v=$$(clang++ --version | sed -n 's/.*version \([0-9]*\).*/\1/p' | head -1); \
	if ! dpkg -s libclang-rt-$$v-dev >/dev/null 2>&1 && apt-cache show libclang-rt-$$v-dev >/dev/null 2>&1; then \
	  echo "installing: libclang-rt-$$v-dev"; \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-rt-$$v-dev >/dev/null; \
	  else sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-rt-$$v-dev >/dev/null; fi; \
	fi

$(FUZZ_BUILD)/%: fuzz/%.cpp $(wildcard lib/include/ontrack/*.hpp lib/include/ontrack/*/*.hpp)
	@mkdir -p $(FUZZ_BUILD)
	$(FUZZ_CXX) $(FUZZ_FLAGS) $< -o $@

fuzz-build: fuzz-deps
	$(MAKE) $(addprefix $(FUZZ_BUILD)/,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  name=$${t#fuzz_}; work=$(FUZZ_BUILD)/corpus-$$name; mkdir -p $$work; \
	  seeds=fuzz/corpus/$$name; [ -d $$seeds ] || seeds=; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(FUZZ_BUILD)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$(FUZZ_BUILD)/crash-$$name- -print_final_stats=1 $$work $$seeds \
	    2>$(FUZZ_BUILD)/$$t.log || { tail -40 $(FUZZ_BUILD)/$$t.log; exit 1; }; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)|^#[0-9]+ *DONE' $(FUZZ_BUILD)/$$t.log; \
	  echo "corpus: $$(ls $$work | wc -l) files"; \
	done
