#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Provenance builds and tests with.
# Does nothing when they are all present already.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libavformat-dev libavcodec-dev libavutil-dev libswresample-dev
  libfftw3-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libicu-dev libssl-dev libpng-dev libcpp-httplib-dev libchromaprint-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  ffmpeg sox libsox-fmt-all espeak-ng libchromaprint-tools sqlite3
)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
