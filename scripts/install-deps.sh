#!/usr/bin/env bash
# Installs the Debian 12 packages servicepact needs to build, run and test, when missing.
# Idempotent: does nothing (and never runs apt-get update) when everything is present.
set -euo pipefail

PACKAGES=(
  build-essential g++ cmake ninja-build ccache pkg-config git
  libboost-dev libboost-system-dev libsqlite3-dev nlohmann-json3-dev libsodium-dev
  libcli11-dev libspdlog-dev libfmt-dev libtomlplusplus-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk curl ca-certificates jq time python3
)

missing=()
# Each part that needs more (mail servers, a browser, npm packages) lists it in
# scripts/deps/<part>.sh, which appends to PACKAGES and may append the name of an idempotent
# function to POST_INSTALL (run after apt on every call, e.g. `npm ci` when node_modules is stale).
POST_INSTALL=()
for extra in "$(dirname "$0")"/deps/*.sh; do
  [[ -e "$extra" ]] || continue
  # shellcheck source=/dev/null
  source "$extra"
done

for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

run_post_install() {
  local step
  for step in "${POST_INSTALL[@]}"; do "$step"; done
}

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  run_post_install
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
run_post_install
