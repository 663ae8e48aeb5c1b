# lianzhang — the two commands of the README:
#   make run    install what is missing, build, serve with the demo data at http://127.0.0.1:8080
#   make test   install what is missing, build, run every test (unit, contract on SQLite and
#               PostgreSQL, integration, e2e)
# Other targets: build, web, bench, clean. Re-running skips what is already installed or built.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080
DB ?= var/lianzhang.db
WEB_STAMP := web/node_modules/.package-lock.json
E2E_STAMP := tests/e2e/node_modules/.package-lock.json

.PHONY: run test build web deps deps-test bench clean

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

$(WEB_STAMP): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

$(E2E_STAMP): tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: $(WEB_STAMP) $(shell find web/src web/public web/index.html web/vite.config.* -type f 2>/dev/null)
	cd web && npm run build

web: web/dist/index.html

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps web $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@mkdir -p $(dir $(DB))
	$(BUILD)/lianzhang serve --db $(DB) --listen $(LISTEN) --demo

# CTest runs inside a throwaway PostgreSQL 15 cluster (scripts/test-postgres.sh), so the storage
# contract suite runs on SQLite and on PostgreSQL.
test: deps deps-test build $(E2E_STAMP)
	cd $(BUILD) && ../scripts/test-postgres.sh ctest --output-on-failure -j $(JOBS) --timeout 600

# Read and write paths on SQLite and PostgreSQL (a throwaway cluster, fsync on) beside their ceilings;
# then the chain graph engine on a province-scale graph beside igraph (issue 4's targets); the KPI
# aggregates beside SQLite; the case text index beside FTS5 trigram at 10 million texts (issue 5).
bench: deps-test build
	cmake --build $(BUILD) --target sqlite_insert_ceiling graph_bench
	bench/run.sh $(BUILD)/lianzhang $(BUILD)/bench/sqlite_insert_ceiling
	$(BUILD)/bench/graph/graph_bench
	cmake --build $(BUILD) --target graph_storage_bench && $(BUILD)/bench/graph/graph_storage_bench --data-dir $(BUILD)/bench-data
	cmake --build $(BUILD) --target kpi_bench && $(BUILD)/bench/kpi/kpi_bench
	cmake --build $(BUILD) --target search_bench && $(BUILD)/bench/search/search_bench
	cmake --build $(BUILD) --target cockpit_bench && $(BUILD)/bench/cockpit/cockpit_bench

clean:
	rm -rf $(BUILD) web/dist
