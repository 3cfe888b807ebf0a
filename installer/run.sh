#!/usr/bin/env bash
# Installs what is missing, builds the release configuration, and starts Peanuts Monitor
# (the window where there is a display, headless where there is none). Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target peanuts-monitor
exec build/release/bin/peanuts-monitor "$@"
