#!/usr/bin/env bash
# Installs what is missing, configures, builds and runs the whole test suite. What .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/deps.sh
export QT_QPA_PLATFORM=offscreen
cmake --preset dev
cmake --build --preset dev
ctest --preset dev --timeout 600
