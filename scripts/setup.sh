#!/usr/bin/env bash
# Everything the kit needs on a fresh Debian machine beyond the .NET SDK. Idempotent; installs
# through apt-get only what is missing, and only when run as root (CI runs as root). Without root it
# installs nothing: it names what is missing, and what is installed but needs root to be used.
set -euo pipefail
cd "$(dirname "$0")/.."

# useradd, ldconfig and dockerd live in the sbin folders, which a normal user's PATH lacks: without them a
# non-root user would be told to install what is installed.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
is_root=false
[[ $(id -u) -eq 0 ]] && is_root=true

need_packages=()
# Tools that are on disk but that this user may not execute (a mode that excludes it): installing them again
# would not help, so they are reported apart from missing packages.
unusable=()

# Whether TOOL is installed as a file somewhere on PATH, even if this user cannot execute it.
on_disk() {
  local dir
  local IFS=:
  for dir in $PATH; do
    [[ -n $dir && -f $dir/$1 ]] && return 0
  done
  return 1
}

# need TOOL PACKAGE: PACKAGE is needed unless TOOL can be run by this user.
need() {
  local found
  # bash's command -v also answers with a file this user may not execute, when that is all PATH has.
  found=$(command -v "$1") && [[ -x $found ]] && return 0
  if on_disk "$1"; then
    unusable+=("$1")
  else
    need_packages+=("$2")
  fi
}

need stat coreutils
need setsid util-linux
# SECRET-FILE-MODE watches file creation with strace to see a mode broader than 0600 even for an instant.
need strace strace
# NET-LOOPBACK from another host: network namespaces joined by a veth pair.
need ip iproute2
# SECRET-OTHER-USER creates and removes throw-away OS users (useradd, userdel, pkill).
need useradd passwd
need pkill procps
# NET-UDS connects to Unix sockets as that second user.
need nc netcat-openbsd
# report.html is tested in a real browser (Playwright drives Debian's Chromium; it never downloads one).
need chromium chromium
# The reference's Python eval: embeds Debian's CPython 3.11 (loaded by name at run time). The cache is read
# into a variable first: 'ldconfig -p | grep -q' under pipefail fails whenever grep exits on the first match
# while ldconfig is still writing, and ldconfig dies of SIGPIPE.
need ldconfig libc-bin
library_cache=$(ldconfig -p 2>/dev/null || true)
[[ $library_cache == *'libpython3.11.so.1.0'* ]] || need_packages+=(libpython3.11)
# The PY-* checks load other sandboxes (and their known-bad fixture) into a plain python3.
need python3 python3
# CT-* run the workspace in real containers: Debian's Docker engine, started below when none answers.
need docker docker.io
need dockerd docker.io
# results.sarif is validated by Microsoft's SARIF validator, installed from npm.
need npm npm

# One package may be needed for several tools (docker, dockerd).
if ((${#need_packages[@]} > 0)); then
  mapfile -t need_packages < <(printf '%s\n' "${need_packages[@]}" | sort -u)
fi

if ((${#unusable[@]} > 0)); then
  echo "setup: installed but not executable by $(id -un): ${unusable[*]}; the checks that use them will report Missing (run as root to have them)." >&2
fi

if ((${#need_packages[@]} > 0)); then
  if ! $is_root; then
    echo "setup: not installed: ${need_packages[*]}." >&2
    echo "setup: installing packages needs root, and this is $(id -un). As root, run:" >&2
    echo "         apt-get install -y ${need_packages[*]}" >&2
    if command -v sudo >/dev/null; then
      echo "       (or, if $(id -un) may use sudo: sudo apt-get install -y ${need_packages[*]}), then rerun make setup." >&2
    else
      echo "       then rerun make setup." >&2
    fi
    exit 2
  fi
  echo "setup: installing ${need_packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

if ! $is_root; then
  # Installed, but only root may use them: say once what that costs, so a Missing verdict is no surprise.
  echo "setup: not root: SECRET-OTHER-USER and NET-UDS (a throw-away OS user) and NET-LOOPBACK from another host" \
    "(a network namespace) will report Missing; run as root to check them."
fi

# Where the docker command connects: DOCKER_HOST when it names a Unix socket, else the default socket.
docker_socket() {
  case ${DOCKER_HOST:-} in
    unix://*) echo "${DOCKER_HOST#unix://}" ;;
    '') echo /var/run/docker.sock ;;
    *) echo '' ;;
  esac
}

# The engine answers, but not to this user: name the real fixes, none of which is installing anything.
explain_docker_access() {
  local socket=$1 user
  user=$(id -un)
  echo "setup: a Docker engine is running, but $user cannot use its socket $socket ($(stat -c '%U:%G %a' "$socket"))." >&2
  # Compared as strings, not through 'grep -q' pipelines, which pipefail can turn into false negatives.
  local session_groups=" $(id -nG 2>/dev/null) " members
  members=",$(getent group docker 2>/dev/null | cut -d: -f4),"
  if [[ $session_groups != *' docker '* && $members == *",$user,"* ]]; then
    echo "setup: $user was added to group docker after this session began: log in again (or run 'newgrp docker')." >&2
  fi
  echo "setup: fixes: add $user to group docker (as root: usermod -aG docker $user, then log in again);" \
    "or run rootless Docker and point DOCKER_HOST at its socket; or run the kit as root." >&2
  echo "setup: until then the container checks (CT-*) report Missing." >&2
}

# A fresh machine has the engine installed but not running. Start it in the background (no systemd needed), keep
# its log under artifacts/, and wait, bounded, until it answers. Without root the CT-* checks report Missing instead.
if ! docker info >/dev/null 2>&1; then
  socket=$(docker_socket)
  if [[ -n $socket && -S $socket && ! ( -r $socket && -w $socket ) ]]; then
    explain_docker_access "$socket"
  elif $is_root && command -v dockerd >/dev/null; then
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
  elif [[ -n ${DOCKER_HOST:-} ]]; then
    echo "setup: no Docker engine answers at DOCKER_HOST=$DOCKER_HOST ($(docker info 2>&1 >/dev/null | head -n 1));" \
      "start it (rootless Docker: systemctl --user start docker); until then the container checks (CT-*) report Missing." >&2
  else
    echo "setup: Docker is installed but no engine is running, and starting one needs root: run make setup as root" \
      "(it starts dockerd), or run rootless Docker and set DOCKER_HOST; until then the container checks (CT-*) report Missing." >&2
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
