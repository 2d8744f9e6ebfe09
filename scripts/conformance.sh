#!/usr/bin/env bash
# The main job: run the suite against a target, then regenerate the threat model from the results.
# Usage: scripts/conformance.sh KIT SUITE OUT EVIDENCE THREAT_MODEL [TARGET [GATE OPTIONS...]]
# Exit code: the kit's own (see 'beamtalk-conformance --help'): 0 gate passes, 1 gate fails, 2 the kit could not judge.
# Against the built-in reference the results become the committed evidence beside the threat model;
# against another target both stay in OUT, so this repository's documents are never overwritten.
set -uo pipefail
cd "$(dirname "$0")/.."
kit=$1 suite=$2 out=$3 evidence=$4 threat_model=$5 target=${6:-}

if [[ -n $target ]]; then
  "$kit" --suite "$suite" --out "$out" --target "$target" "${@:7}"
else
  "$kit" --suite "$suite" --out "$out" --reference "${@:7}"
fi
status=$?
if ((status > 1)); then
  exit "$status"
fi

if [[ -z $target ]]; then
  cp "$out/results.json" "$evidence" && "$kit" threat-model --results "$evidence" --out "$threat_model" || exit 2
else
  "$kit" threat-model --results "$out/results.json" --out "$out/threat-model.md" || exit 2
fi
exit "$status"
