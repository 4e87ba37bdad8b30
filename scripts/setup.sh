#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: Node packages (builds dist/) and Debian's
# Chromium for the L4 runtime check: `chromium`, and `chromium-headless-shell` (the same build
# without a browser window per context, which L4 prefers: faster), and a CJK font for Chinese
# text in screenshots. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null; }
if [ -z "${PHASER_SFT_CHROMIUM:-}" ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
  if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1; then
      echo "setup: installing Debian's ${missing[*]} (for the L4 runtime check)…" >&2
      $SUDO apt-get update -qq >/dev/null
      for package in "${missing[@]}"; do
        if ! apt_install "$package"; then
          # a release without the headless shell still has chromium, which L4 can use
          [ "$package" = chromium ] && exit 1
          echo "setup: could not install $package; L4 will use chromium" >&2
        fi
      done
    else
      echo "setup: no ${missing[*]} and no apt-get; install Chromium/Chrome or set PHASER_SFT_CHROMIUM (L4 is skipped until a browser is found)" >&2
    fi
  fi
fi
# Chinese requests give games with Chinese text: without a CJK font their screenshots show boxes
if command -v apt-get >/dev/null 2>&1 && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "setup: installing Debian's fonts-wqy-zenhei (Chinese text in L4 screenshots)…" >&2
  apt_install fonts-wqy-zenhei || { $SUDO apt-get update -qq >/dev/null && apt_install fonts-wqy-zenhei; } ||
    echo "setup: could not install fonts-wqy-zenhei; Chinese text will show as boxes in screenshots" >&2
fi
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
