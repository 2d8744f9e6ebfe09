#!/usr/bin/env bash
# Packs beamtalk-conformance as a dotnet tool into artifacts/packages/, carrying the suite (and the
# reference workspace the suite is built with) so that '--reference' and '--target FILE' work from
# an installed tool. Usage: scripts/package.sh CONFIGURATION
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=$1
suite=$PWD/conformance/suite/Beamtalk.Conformance.Suite/bin/$configuration/net10.0

if [[ ! -f $suite/Beamtalk.Conformance.Suite.dll ]]; then
  echo "package: $suite holds no built suite; run 'make build' first." >&2
  exit 2
fi

mkdir -p artifacts/packages
rm -f artifacts/packages/beamtalk-conformance.*.nupkg
dotnet pack conformance/src/Beamtalk.Conformance.Cli -c "$configuration" --no-build --nologo -v quiet \
  -p:SuiteDirectory="$suite" -o artifacts/packages
ls -l artifacts/packages/beamtalk-conformance.*.nupkg
cat <<'USAGE'
Install and run:
  dotnet tool install --tool-path DIR --add-source artifacts/packages beamtalk-conformance
  DIR/beamtalk-conformance --reference          # or --target FILE
USAGE
