#!/usr/bin/env bash
# Installs the Debian bookworm packages mock-gc needs, and only those that are missing.
# Called by `make demo` / `make test`; safe to run again (it does nothing when all are present).
# Extra package names given as arguments are installed too (bench/peers/run.sh adds wrk and a JRE).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev nlohmann-json3-dev libfmt-dev libeigen3-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libhowardhinnant-date-dev tzdata libssl-dev ca-certificates
  zlib1g-dev libcli11-dev
)
# The SDK conformance suite needs Node.js + npm; a machine that already has them (from any source) keeps them.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm  >/dev/null 2>&1 || packages+=(npm)
# The browser tests drive the system chromium headless (puppeteer-core never downloads one).
packages+=(chromium)
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
