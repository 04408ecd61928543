#!/usr/bin/env bash
# promtool, which checks and unit-tests the alert rules in ops/prometheus/ (tests/unit/
# test_prometheus_rules.py): Debian's prometheus package, installed when absent (idempotent).
# Only the tool is used; no Prometheus server is started.
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing Debian's prometheus package for promtool"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends prometheus
# The package's post-install may start its own server where an init system runs; sotflow needs only the tool.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl stop prometheus || true
fi
