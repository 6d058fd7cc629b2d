# The two commands of the README:
#   make demo  - install packages, build, analyse the bundled demo sample
#   make test  - install packages, build, run every test
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build demo test bench clean fuzz

all: build

deps:
	bash scripts/install_deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

demo: build
	bash scripts/make_demo_sample.sh $(BUILD)/demo
	rm -f $(BUILD)/demo/demo-case.db
	$(BUILD)/provenance analyze $(BUILD)/demo/demo.m4a --case $(BUILD)/demo/demo-case.db \
	  --report $(BUILD)/demo/demo-report.html
	@echo "report: $(BUILD)/demo/demo-report.html   case file: $(BUILD)/demo/demo-case.db"

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 900

bench: build
	@echo "see bench/README.md for each benchmark's command"

clean:
	rm -rf $(BUILD)

# Coverage-guided fuzzing of the parsers of untrusted input (clang, libFuzzer).
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
	  -DCMAKE_CXX_COMPILER=clang++ -DPROVENANCE_FUZZ=ON -DPROVENANCE_TESTS=OFF -DPROVENANCE_BENCH=OFF \
	  -DPROVENANCE_WERROR=OFF
	cmake --build build-fuzz -j$(JOBS)
	bash fuzz/run_all.sh build-fuzz $(FUZZ_SECONDS)
