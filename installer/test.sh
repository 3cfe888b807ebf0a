#!/usr/bin/env bash
# Installs what is missing, configures, builds and runs the whole test suite, then the same suite
# again under AddressSanitizer and UndefinedBehaviorSanitizer, then a few seconds of each fuzz target,
# then the package: built from the package configuration (optimised and hardened, the app only, no
# tests), checked and run unpacked (installer/package-test.sh).
# What .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/deps.sh
export QT_QPA_PLATFORM=offscreen
for preset in dev asan; do
    echo "== $preset ==" >&2
    cmake --preset "$preset"
    cmake --build --preset "$preset"
    ctest --preset "$preset" --timeout 600
done
echo "== fuzz ==" >&2
fuzz/run-short.sh
echo "== package ==" >&2
cmake --preset package
installer/package-test.sh build/package
