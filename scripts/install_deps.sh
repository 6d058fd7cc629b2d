#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Provenance builds and tests with.
# Does nothing when they are all present already.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config git
  libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libswscale-dev
  libfftw3-dev libeigen3-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libicu-dev libstemmer-dev libssl-dev libpng-dev libcpp-httplib-dev libchromaprint-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  ffmpeg sox libsox-fmt-all espeak-ng libchromaprint-tools sqlite3 time
  chromium poppler-utils
)
# Node.js runs the browser test; keep an existing installation.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
install_web_test_tools() {
  # wavesurfer.js is the page's player (compiled into the program);
  # playwright-core drives Debian's Chromium; no browser is downloaded.
  if command -v npm >/dev/null 2>&1 && { [ ! -d "$root/web/node_modules/playwright-core" ] ||
      [ ! -f "$root/web/node_modules/wavesurfer.js/dist/wavesurfer.min.js" ]; }; then
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_web_test_tools
  exit 0
fi

echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_web_test_tools
