#!/usr/bin/env bash
# Installs the Debian packages lianzhang builds, tests and serves with; skips what is present.
# Usage: scripts/install-deps.sh [build|test]   (test adds the browser, fonts, PostgreSQL, load tools and igraph for make bench)
set -euo pipefail
mode=${1:-build}
pkgs=(build-essential cmake pkg-config git ca-certificates
      libboost-dev nlohmann-json3-dev libvalijson-dev libsodium-dev libssl-dev
      libsqlite3-dev sqlite3 libpq-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
      libzip-dev libexpat1-dev libxlsxwriter-dev libicu-dev libpugixml-dev libexiv2-dev)
if [[ $mode == test ]]; then
  pkgs+=(libgtest-dev libgmock-dev googletest chromium fonts-noto-cjk wrk jq postgresql-15 libigraph-dev)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js is only needed to build the web UI; keep whatever node the machine has (it may not be Debian's).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
