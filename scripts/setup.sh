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
# The reference's Python eval: embeds Debian's CPython 3.11 (loaded by name at run time).
/sbin/ldconfig -p 2>/dev/null | grep -q 'libpython3\.11\.so\.1\.0' || need_packages+=(libpython3.11)
# The PY-* checks load other sandboxes (and their known-bad fixture) into a plain python3.
command -v python3 >/dev/null || need_packages+=(python3)
# CT-* run the workspace in real containers: Debian's Docker engine, started below when none answers.
command -v dockerd >/dev/null || need_packages+=(docker.io)
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

# A fresh machine has the engine installed but not running. Start it in the background (no systemd needed), keep
# its log under artifacts/, and wait, bounded, until it answers. Without root the CT-* checks report Missing instead.
if ! docker info >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v dockerd >/dev/null; then
    mkdir -p artifacts
    echo "setup: starting dockerd (log: artifacts/dockerd.log)"
    setsid dockerd >>artifacts/dockerd.log 2>&1 </dev/null &
    for _ in $(seq 1 60); do
      docker info >/dev/null 2>&1 && break
      sleep 1
    done
    if ! docker info >/dev/null 2>&1; then
      echo "setup: dockerd did not answer within 60 s; see artifacts/dockerd.log:" >&2
      tail -n 20 artifacts/dockerd.log >&2
      exit 2
    fi
  else
    echo "setup: no Docker engine answers and this is not root; the container checks (CT-*) will report Missing." >&2
  fi
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
