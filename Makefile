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

.PHONY: setup build conformance test bench bench-timing package principles bench-principles principles-eval clean

setup:
	@scripts/setup.sh

build: setup
	$(DOTNET) build Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet -clp:NoSummary

# scripts/conformance.sh exits as the kit does (0 gate passes, 1 gate fails, 2 the kit could not judge);
# GNU make itself reports any failing recipe as 2, so CI that needs the distinction calls the script.
# ARGS passes gate options, e.g. ARGS="--only 'NET-*' --waivers waivers.yaml".
conformance: build
	@scripts/conformance.sh "$(KIT)" "$(SUITE)" "$(OUT)" "$(EVIDENCE)" "$(THREAT_MODEL)" "$(TARGET)" $(ARGS)

test: build
	@scripts/test.sh "$(CONFIGURATION)" "$(KIT)" "$(EVIDENCE)" "$(THREAT_MODEL)"

# Figures, not assertions: cold start of the reference to its first auth_ok, owner eval latency with and
# without a flood of bad-auth connections, and the suite's wall time.
bench: build
	$(KIT) bench --reference-cli reference/src/Beamtalk.Cli/$(BIN)/beamtalk --runs $(or $(RUNS),10)
	@TIMEFORMAT="suite against the reference, after build: %R s wall time"; time { $(KIT) --reference --suite $(SUITE) --out artifacts/bench >/dev/null; }

# SECRET-TIMING's detector, measured: detection rate on both leaky fixtures (RUNS, default 20), false
# alarms on the reference (REFERENCE_RUNS, default 100), white-box detection time, and resolution against
# sample count, plotted to docs/timing-resolution.png. About half an hour on 2 cores; figures in docs/design.md.
bench-timing: build
	$(KIT) timing-bench --reference-cli reference/src/Beamtalk.Cli/$(BIN)/beamtalk \
		--known-bad conformance/selftests/Beamtalk.Conformance.KnownBad/$(BIN)/known-bad-workspace \
		--runs $(or $(RUNS),20) --reference-runs $(or $(REFERENCE_RUNS),100) --white-box-runs $(or $(WHITE_BOX_RUNS),20) \
		--curve-seconds $(or $(CURVE_SECONDS),60) --plot docs/timing-resolution.png

# A dotnet tool in artifacts/packages/ that carries the suite and the reference (docs/gate.md).
package: build
	@scripts/package.sh "$(CONFIGURATION)"

# What a change does to the six principles of ADR 0058 (docs/principles.md). BASE is required;
# STRICT=1 exits 1 on a violation or an open question; FORMAT=text|markdown|json|sarif.
principles: build
	@test -n "$(BASE)" || { echo "usage: make principles BASE=REV [HEAD=REV] [STRICT=1] [FORMAT=markdown]"; exit 2; }
	$(KIT) principles --repo . --base $(BASE) --head $(or $(HEAD),HEAD) --format $(or $(FORMAT),text) $(if $(STRICT),--strict)

# The principles check on real commits of public REPL and notebook servers (labels in conformance/eval/principles/):
# per-family precision and recall on the held-out split (SPLIT=tune|all). Mirrors are read from PRINCIPLES_MIRRORS
# (default /work/.mirror); a repository without one is skipped with a message, FETCH=1 clones it.
principles-eval: build
	python3 scripts/principles_eval.py --kit $(KIT) --split $(or $(SPLIT),heldout) $(if $(FETCH),--fetch)

# A figure, not an assertion: the principles check on a generated 1,000-line change.
bench-principles: build
	$(KIT) principles-bench --lines $(or $(LINES),1000)

clean:
	$(DOTNET) clean Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet
	rm -rf artifacts
