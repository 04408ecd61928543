#!/usr/bin/env bash
# The browser the console's tests drive: Debian's chromium and chromedriver, installed when
# absent (idempotent: does nothing when both are there). Selenium is pointed at these two
# binaries; no browser is downloaded from anywhere else.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing Debian's chromium and chromium-driver for the console's browser tests"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver
