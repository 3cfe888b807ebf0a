#!/usr/bin/env bash
# Installs the Debian 12 packages Peanuts Monitor needs to build, run and test, when any is missing.
# Works as root (CI) and as a normal user with sudo.
# The test suite checks that this list brings every package the builds use (installer/check-deps.py).
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev
    libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libgl-dev
    libqt6svg6    # run time: the SVG icon engine and image format plugins, for the window and tray icon
    libssl-dev libsqlite3-dev sqlite3
    xvfb xauth
    python3       # installer/check-deps.py, which the test suite runs; tests/pg/pgcluster.sh asks it for a free port
    postgresql-15 # tests: the throwaway cluster of tests/pg/pgcluster.sh, with initdb, pg_ctl and postgres in
                  # /usr/lib/postgresql/15/bin and pg_trgm. Brings psql from postgresql-client-15, also used
                  # there, and postgresql-common, whose install may create and start a "main" cluster on
                  # 5432, which the tests leave alone. Its one Recommends, sysstat, is not needed.
    clang-14 libclang-rt-14-dev
    llvm-14       # llvm-ar-14 and llvm-ranlib-14, which CMake picks beside clang-14 for the fuzz build; clang-14 only recommends it
    qt6-qpa-plugins   # run time: the platform plugins, xcb and offscreen; also in the .deb's Depends, installer/CMakeLists.txt
    qt6-tools-dev     # the Qt6LinguistTools CMake package (translations/CMakeLists.txt)
    qt6-l10n-tools    # lupdate and lrelease: the translation template and the .qm files, at build time
    qt6-translations-l10n   # run time: Qt's own qtbase_<lang>.qm, loaded beside ours; the .deb recommends it
    librsvg2-bin  # rsvg-convert: the hicolor PNG icons, rendered from the SVG at build time
    groff-base    # groff: tst_manpage and installer/package-test.sh render the manual page with warnings on
    dpkg-dev      # dpkg-shlibdeps, which CPack runs for the .deb's Depends
    lintian       # installer/package-test.sh: the .deb has no lintian errors
    appstream     # appstreamcli validate: the AppStream metainfo, in desktop_files and package-test.sh
    desktop-file-utils   # desktop-file-validate: the desktop entry, in desktop_files and package-test.sh
    systemd       # systemd-analyze verify: the user unit, in package-test.sh, which skips it where it is missing
)

missing=()
for p in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done
((${#missing[@]})) || exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
