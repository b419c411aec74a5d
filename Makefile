# Developer entry points. Each target installs what is missing first, so they
# work on a fresh Debian 12 machine and cost little on a prepared one.
#
#   make test    build everything and run all tests (CI runs exactly this)
#   make run     build and open the demo in the backstep GUI
#   make demo-cli build, create the demo database and inspect it with the CLI
#   make package build the Debian packages backstep and backstep-cli in $(BUILD)/
#   make bench   build and run the benchmarks (on demand only, never in make test);
#                bench_rehearsal generates a 1 GB SQLite database once (BACKSTEP_BENCH_REHEARSAL_MB)
#   make clean   remove the build directory
#
# BUILD=dir selects another build directory (default: build).

BUILD ?= build
CLI := $(BUILD)/app/cli/backstep-cli
DEMO := resources/demo
DEMO_DB := $(BUILD)/demo.db
# DESIGN.md's URI forms: sqlite:relative/path, sqlite:///absolute/path
DEMO_URI := $(if $(filter /%,$(DEMO_DB)),sqlite://$(DEMO_DB),sqlite:$(DEMO_DB))

.PHONY: all deps configure build test package run demo-cli bench clean

all: build

deps:
	packaging/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build $(BUILD) -j2

test: build
	tests/run-tests.sh $(BUILD)

# cpack -G DEB: backstep_VERSION-1_ARCH.deb and backstep-cli_VERSION-1_ARCH.deb
# (packaging/cpack.cmake); install both with apt-get install ./FILE ./FILE.
package: build
	cd $(BUILD) && cpack -G DEB
	@ls -l $(BUILD)/backstep_*.deb $(BUILD)/backstep-cli_*.deb

run: build
	$(BUILD)/app/gui/backstep --demo

# demo-cli: the CLI on the same demo. The check simulates going back to the
# 5th release in builds.json (read with tr/grep/sed, as make-demo-db.sh does,
# so that neither jq nor python3 is needed). Its exit code 3 means "refuse", which is the expected answer for
# the demo, so only other failures stop make.
demo-cli: build
	$(DEMO)/make-demo-db.sh $(CLI) $(DEMO_DB)
	@echo
	@echo "== backstep-cli status: the demo database's ledger against Larder's latest catalog"
	$(CLI) status --db $(DEMO_URI) --migrations $(DEMO)/migrations
	@build=$$(tr -d ' \t\r\n' < $(DEMO)/builds.json | grep -o '{[^}]*}' | sed -n 5p); \
	version=$$(echo "$$build" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p'); \
	up_to=$$(echo "$$build" | sed -n 's/.*"max_id":\([0-9][0-9]*\).*/\1/p'); \
	[ -n "$$up_to" ] || { echo "no 5th build in $(DEMO)/builds.json" >&2; exit 1; }; \
	echo; \
	echo "== backstep-cli check: may Larder $$version (migrations up to $$up_to) boot on it?"; \
	echo "$(CLI) check --db $(DEMO_URI) --migrations $(DEMO)/migrations --up-to $$up_to --build-version $$version"; \
	$(CLI) check --db $(DEMO_URI) --migrations $(DEMO)/migrations --up-to $$up_to --build-version $$version || test $$? -eq 3

# The benchmarks use SQLite only, so no server is started for them.
bench: configure
	cmake --build $(BUILD) -j2 --target bench_cli bench_analysis bench_rehearsal bench_gui
	$(BUILD)/tests/bench/bench_cli
	$(BUILD)/tests/bench/bench_analysis
	$(BUILD)/tests/bench/bench_rehearsal
	$(BUILD)/tests/bench/bench_gui

clean:
	rm -rf $(BUILD)
