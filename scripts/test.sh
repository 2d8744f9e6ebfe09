#!/usr/bin/env bash
# Runs every test project of the kit (built by 'make build'), then checks that the committed threat
# model is exactly what the committed evidence generates. Prints one closing line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
configuration=$1 kit=$2 evidence=$3 threat_model=$4

mkdir -p artifacts
rm -f artifacts/principles-corpus.txt
log=artifacts/test.log
# One test program at a time: several of them measure the target (timing, floods, timeouts), and two
# cores shared by every program at once turn microseconds into noise.
dotnet test --solution Beamtalk.sln -c "$configuration" --no-build --max-parallel-test-modules 1 2>&1 | tee "$log"
tests_status=${PIPESTATUS[0]}

count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded) failed=$(count failed) skipped=$(count skipped)

if [[ -f artifacts/principles-corpus.txt ]]; then
  echo
  cat artifacts/principles-corpus.txt
fi

echo
if "$kit" threat-model --results "$evidence" --out "$threat_model" --check; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

if [[ $tests_status -ne 0 && $failed -eq 0 ]]; then
  # dotnet test failed without counting a failure (a crashed test host, zero tests): never report green.
  echo "dotnet test exited $tests_status"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
