#!/usr/bin/env bash
# Everything the kit needs on a fresh Debian machine beyond the .NET SDK. Idempotent; installs
# through apt-get only what is missing, and only when run as root (CI runs as root).
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v stat >/dev/null || need_packages+=(coreutils)
command -v setsid >/dev/null || need_packages+=(util-linux)
# SECRET-FILE-MODE watches file creation with strace to see a mode broader than 0600 even for an instant.
command -v strace >/dev/null || need_packages+=(strace)
# NET-LOOPBACK from another host: network namespaces joined by a veth pair.
command -v ip >/dev/null || need_packages+=(iproute2)
# SECRET-OTHER-USER creates and removes throw-away OS users (useradd, userdel, pkill).
command -v useradd >/dev/null || need_packages+=(passwd)
command -v pkill >/dev/null || need_packages+=(procps)
# NET-UDS connects to Unix sockets as that second user.
command -v nc >/dev/null || need_packages+=(netcat-openbsd)
# report.html is tested in a real browser (Playwright drives Debian's Chromium; it never downloads one).
command -v chromium >/dev/null || need_packages+=(chromium)
# results.sarif is validated by Microsoft's SARIF validator, installed from npm.
command -v npm >/dev/null || need_packages+=(npm)

if ((${#need_packages[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing ${need_packages[*]}; install them (sudo apt-get install -y ${need_packages[*]}) and rerun." >&2
    exit 2
  fi
  echo "setup: installing ${need_packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET SDK 10 is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
  exit 2
fi

# global.json pins the SDK band; fail here with a clear message rather than in the middle of a build.
if ! dotnet --version >/dev/null 2>&1; then
  echo "setup: the installed .NET SDK does not satisfy global.json ($(dotnet --list-sdks | tr '\n' ' '))." >&2
  exit 2
fi

dotnet restore Beamtalk.sln --nologo -v quiet

# The validators the tests run the reports through (conformance/tools/package-lock.json pins them).
# npm skips the package's own postinstall, which only makes its binary executable.
multitool=conformance/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -x $multitool || conformance/tools/package-lock.json -nt $multitool ]]; then
  npm ci --prefix conformance/tools --no-audit --no-fund --loglevel=error
  chmod u+x "$multitool"
  touch "$multitool"
fi
