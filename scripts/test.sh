#!/usr/bin/env bash
# Runs every test project of the kit (built by 'make build'), then checks that the committed threat
# model is exactly what the committed evidence generates. Closes with how many tests could not run for want
# of root (or another prerequisite of the kit), and one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
configuration=$1 kit=$2 evidence=$3 threat_model=$4

mkdir -p artifacts
rm -f artifacts/principles-corpus.txt
log=artifacts/test.log
results=artifacts/test-results
rm -rf "$results"
# One test program at a time: several of them measure the target (timing, floods, timeouts), and two
# cores shared by every program at once turn microseconds into noise. Each program also writes its results
# as CTRF (JSON), which the counts below are read from rather than from the console's prose.
dotnet test --solution Beamtalk.sln -c "$configuration" --no-build --max-parallel-test-modules 1 \
  --results-directory "$results" --report-xunit-ctrf 2>&1 | tee "$log"
tests_status=${PIPESTATUS[0]}

# "passed failed skipped needs-root" over every program's report. A skip whose reason starts with the kit's
# Prerequisite.SkipReason is a test that needs root (a second OS user, a network namespace, Docker).
read -r passed failed skipped need_root < <(python3 - "$results" <<'PY'
import glob, json, os, sys
passed = failed = skipped = need_root = 0
for path in glob.glob(os.path.join(sys.argv[1], "*.ctrf")):
    with open(path, encoding="utf-8") as file:
        for test in json.load(file)["results"]["tests"]:
            status = test["status"]
            if status == "passed":
                passed += 1
            elif status == "failed":
                failed += 1
            else:
                skipped += 1
                need_root += test.get("message", "").startswith("needs root or a prerequisite: ")
print(passed, failed, skipped, need_root)
PY
)
: "${passed:=0}" "${failed:=0}" "${skipped:=0}" "${need_root:=0}"

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

if ((need_root > 0)); then
  echo "$need_root tests need root: skipped; run as root or under CI=true to run them"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
