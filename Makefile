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

.PHONY: setup build conformance test bench clean

setup:
	@scripts/setup.sh

build: setup
	$(DOTNET) build Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet -clp:NoSummary

# scripts/conformance.sh exits 0 (no MUST failed), 1 (a MUST failed) or 2 (the kit could not judge);
# GNU make itself reports any failing recipe as 2, so CI that needs the distinction calls the script.
conformance: build
	@scripts/conformance.sh "$(KIT)" "$(SUITE)" "$(OUT)" "$(EVIDENCE)" "$(THREAT_MODEL)" "$(TARGET)" $(ARGS)

test: build
	@scripts/test.sh "$(CONFIGURATION)" "$(KIT)" "$(EVIDENCE)" "$(THREAT_MODEL)"

# Figures, not assertions: cold start of the reference to its first auth_ok, owner eval latency with and
# without a flood of bad-auth connections, and the suite's wall time.
bench: build
	$(KIT) bench --reference-cli reference/src/Beamtalk.Cli/$(BIN)/beamtalk --runs $(or $(RUNS),10)
	@TIMEFORMAT="suite against the reference, after build: %R s wall time"; time { $(KIT) --reference --suite $(SUITE) --out artifacts/bench >/dev/null; }

clean:
	$(DOTNET) clean Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet
	rm -rf artifacts
