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

.PHONY: setup build conformance test threat-model clean

setup:
	@scripts/setup.sh

build: setup
	$(DOTNET) build Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet -clp:NoSummary

# Exit code: 0 no MUST failed · 1 a MUST failed · 2 the kit could not judge.
# Against the built-in reference the results become the committed evidence and the threat model is regenerated;
# against another TARGET both land in $(OUT) only.
conformance: build
	@set +e; \
	$(KIT) run --suite $(SUITE) --out $(OUT) $(if $(TARGET),--target $(TARGET)); status=$$?; \
	if [ $$status -le 1 ]; then \
	  if [ -z "$(TARGET)" ]; then \
	    cp $(OUT)/results.json $(EVIDENCE) && $(KIT) threat-model --results $(EVIDENCE) --out $(THREAT_MODEL) || status=2; \
	  else \
	    $(KIT) threat-model --results $(OUT)/results.json --out $(OUT)/threat-model.md || status=2; \
	  fi; \
	fi; \
	exit $$status

test: build
	@scripts/test.sh "$(CONFIGURATION)" "$(KIT)" "$(EVIDENCE)" "$(THREAT_MODEL)"

clean:
	$(DOTNET) clean Beamtalk.sln -c $(CONFIGURATION) --nologo -v quiet
	rm -rf artifacts
