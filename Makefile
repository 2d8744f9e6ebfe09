# The kit's two entry points (see README.md):
#   make conformance   run the suite against the reference (or TARGET=file.json) and regenerate the threat model
#   make test          run every test of the kit, and check the threat model matches its evidence
SHELL := /bin/bash
CONFIGURATION ?= Release
DOTNET ?= dotnet
OUT ?= artifacts/conformance
TARGET ?=

BIN := bin/$(CONFIGURATION)/net10.0
SUITE := conformance/suite/Beamtalk.Conformance.Suite/$(BIN)/Beamtalk.Conformance.Suite
KIT := conformance/src/Beamtalk.Conformance.Cli/$(BIN)/beamtalk-conformance
EVIDENCE := docs/security/results.json
THREAT_MODEL := docs/security/threat-model.md

.PHONY: setup build conformance test bench principles bench-principles clean

setup:
	@scripts/setup.sh

build: setup
	$(DOTNET) build Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet -clp:NoSummary

# scripts/conformance.sh exits 0 (no MUST failed), 1 (a MUST failed) or 2 (the kit could not judge);
# GNU make itself reports any failing recipe as 2, so CI that needs the distinction calls the script.
conformance: build
	@scripts/conformance.sh "$(KIT)" "$(SUITE)" "$(OUT)" "$(EVIDENCE)" "$(THREAT_MODEL)" "$(TARGET)"

test: build
	@scripts/test.sh "$(CONFIGURATION)" "$(KIT)" "$(EVIDENCE)" "$(THREAT_MODEL)"

# Figures, not assertions: cold start of the reference to its first auth_ok, owner eval latency with and
# without a flood of bad-auth connections, and the suite's wall time.
bench: build
	$(KIT) bench --reference-cli reference/src/Beamtalk.Cli/$(BIN)/beamtalk --runs $(or $(RUNS),10)
	@TIMEFORMAT="suite against the reference, after build: %R s wall time"; time { $(KIT) run --suite $(SUITE) --out artifacts/bench >/dev/null; }

# What a change does to the six principles of ADR 0058 (docs/principles.md). BASE is required;
# STRICT=1 exits 1 on a violation or an open question; FORMAT=text|markdown|json|sarif.
principles: build
	@test -n "$(BASE)" || { echo "usage: make principles BASE=REV [HEAD=REV] [STRICT=1] [FORMAT=markdown]"; exit 2; }
	$(KIT) principles --repo . --base $(BASE) --head $(or $(HEAD),HEAD) --format $(or $(FORMAT),text) $(if $(STRICT),--strict)

# A figure, not an assertion: the principles check on a generated 1,000-line change.
bench-principles: build
	$(KIT) principles-bench --lines $(or $(LINES),1000)

clean:
	$(DOTNET) clean Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet
	rm -rf artifacts
