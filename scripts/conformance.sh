#!/usr/bin/env bash
# The main job: run the suite against a target, then regenerate the threat model from the results.
# Usage: scripts/conformance.sh KIT SUITE OUT EVIDENCE THREAT_MODEL [TARGET [GATE OPTIONS...]]
# Exit code: the kit's own (see 'beamtalk-conformance --help'): 0 gate passes, 1 gate fails, 2 the kit could not judge.
# Against the built-in reference the results become the committed evidence beside the threat model, but
# only when they are at least as complete as the committed ones (no more Missing, no more Inconclusive, no
# fewer Pass and Caveat): a run without root, without Docker or with a narrower selection would otherwise
# downgrade docs/security/ and leave the clone dirty. Such a run, and any run against another target, writes
# its threat model into OUT instead, so this repository's documents are never replaced by less evidence. A run
# that decides exactly what the committed evidence says leaves it as it is, so the clone stays clean.
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

# Compares two results.json files, NEW and OLD. Exit 0: NEW is less complete, and it prints why; exit 3: NEW
# says what OLD says (the same verdicts from the same tests with the same outcomes), so replacing it would only
# change timestamps and leave the clone dirty; exit 1: NEW should replace OLD; exit 2: either cannot be read
# (then nothing is replaced).
less_complete() {
  python3 - "$1" "$2" <<'PY'
import json, sys
def counts(path):
    verdicts = [r["verdict"] for r in json.load(open(path, encoding="utf-8"))["requirements"]]
    return {"Missing": verdicts.count("missing"), "Inconclusive": verdicts.count("inconclusive"),
            "Pass+Caveat": verdicts.count("pass") + verdicts.count("caveat")}
try:
    new, old = counts(sys.argv[1]), counts(sys.argv[2])
except (OSError, ValueError, KeyError, TypeError) as e:
    print(f"cannot compare {sys.argv[1]} with {sys.argv[2]}: {e}", file=sys.stderr)
    sys.exit(2)
worse = [name for name in ("Missing", "Inconclusive") if new[name] > old[name]]
worse += ["Pass+Caveat"] if new["Pass+Caveat"] < old["Pass+Caveat"] else []
if worse:
    said = lambda c: ", ".join(f"{c[name]} {name}" for name in ("Pass+Caveat", "Missing", "Inconclusive"))
    print(f"this run has {said(new)}; the committed evidence has {said(old)} (worse: {', '.join(worse)})")
    sys.exit(0)
def decided(path):
    return sorted((r["id"], r["verdict"], tuple(sorted((t["name"], t["outcome"]) for t in r.get("tests", []))))
                  for r in json.load(open(path, encoding="utf-8"))["requirements"])
if decided(sys.argv[1]) == decided(sys.argv[2]):
    print(f"it says what the committed evidence says ({len(decided(sys.argv[2]))} requirements: same verdicts, same tests, same outcomes)")
    sys.exit(3)
sys.exit(1)
PY
}

if [[ -z $target ]]; then
  compared=1
  if [[ -f $evidence ]]; then
    why=$(less_complete "$out/results.json" "$evidence")
    compared=$?
  fi
  case $compared in
    0)
      "$kit" threat-model --results "$out/results.json" --out "$out/threat-model.md" || exit 2
      echo "Left $(dirname "$evidence")/ alone: $why."
      echo "This run's threat model is $out/threat-model.md; the committed one is regenerated only by a run at least as complete (as root, with Docker)."
      ;;
    1) cp "$out/results.json" "$evidence" && "$kit" threat-model --results "$evidence" --out "$threat_model" || exit 2 ;;
    3)
      "$kit" threat-model --results "$out/results.json" --out "$out/threat-model.md" || exit 2
      echo "Left $(dirname "$evidence")/ as it is: $why."
      ;;
    *) exit 2 ;;
  esac
else
  "$kit" threat-model --results "$out/results.json" --out "$out/threat-model.md" || exit 2
fi
exit "$status"
