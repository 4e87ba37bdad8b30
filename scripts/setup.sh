#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: Node packages (builds dist/) and Debian's
# Chromium for the L4 runtime check. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ -z "${PHASER_SFT_CHROMIUM:-}" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "setup: installing Debian's chromium (for the L4 runtime check)…" >&2
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no chromium found and no apt-get; install Chromium/Chrome or set PHASER_SFT_CHROMIUM (L4 will be skipped until then)" >&2
  fi
fi
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
