#!/usr/bin/env bash
# Builds the .deb and .tgz from a configured CMake tree and proves the package works:
#   lintian (no errors; every warning left is explained in installer/README.md), the file list
#   (binary, desktop entry, metainfo, icons, manual page, user unit, copyright, changelog),
#   desktop-file-validate, appstreamcli validate --pedantic, the manual page through groff with
#   warnings on, systemd-analyze verify on the unit, then dpkg-deb -x into a throwaway root, the
#   unpacked binary's --version and a headless run of it that answers 200 to a signed delivery, and
#   apt-get install --simulate to show that its dependencies resolve.
# usage: installer/package-test.sh BUILD_DIR
# BUILD_DIR is a configured tree, best the package preset's (cmake --preset package: optimised and
# hardened, no tests, and CMAKE_SKIP_INSTALL_ALL_DEPENDENCY so that cpack installs only what this
# script builds), as installer/test.sh does.
set -euo pipefail
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)
failures=0
fail() { echo "package-test: FAIL: $*" >&2; failures=$((failures + 1)); }
step() { echo "== package-test: $*" >&2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/peanuts-package-test.XXXXXX")
pid=
cleanup() {
    [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

step "build and cpack"
cmake --build "$build" --target peanuts-monitor peanuts-package-files
rm -f "$build"/peanuts-monitor_*.deb "$build"/peanuts-monitor-*.tar.gz
(cd "$build" && cpack -G "DEB;TGZ" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; exit 1; }
deb=$(ls "$build"/peanuts-monitor_*.deb)
tgz=$(ls "$build"/peanuts-monitor-*.tar.gz)
echo "$deb" >&2
echo "$tgz" >&2

step "lintian"
lintian --display-info --fail-on error "$deb" >"$work/lintian.txt" 2>&1 || fail "lintian reports errors"
cat "$work/lintian.txt" >&2
# Each tag that stays must be explained in installer/README.md.
while read -r tag; do
    grep -q -- "\`$tag\`" "$source_dir/installer/README.md" || fail "lintian tag $tag is not explained in installer/README.md"
done < <(sed -n 's/^[WIP]: [^ ]*: \([a-z0-9-]*\).*/\1/p' "$work/lintian.txt" | sort -u)

step "the package's file list"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files.txt"
expected=(/usr/bin/peanuts-monitor
    /usr/share/applications/peanuts-monitor.desktop
    /usr/share/metainfo/io.peanuts.Monitor.metainfo.xml
    /usr/share/icons/hicolor/scalable/apps/peanuts-monitor.svg
    /usr/share/man/man1/peanuts-monitor.1.gz
    /usr/share/peanuts-monitor/translations/peanuts-monitor_de.qm
    /usr/share/peanuts-monitor/translations/peanuts-monitor_en.qm
    /usr/lib/systemd/user/peanuts-monitor.service
    /usr/share/doc/peanuts-monitor/copyright
    /usr/share/doc/peanuts-monitor/changelog.Debian.gz)
for size in 16 22 24 32 48 64 128 256; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/peanuts-monitor.png")
done
for file in "${expected[@]}"; do
    grep -qx -- "$file" "$work/files.txt" || fail "the .deb lacks $file"
done
# Listed into a file first: with pipefail, grep -q ending early would fail tar with SIGPIPE.
tar -tzf "$tgz" >"$work/tgz-files.txt"
grep -q '/bin/peanuts-monitor$' "$work/tgz-files.txt" || fail "the .tgz lacks bin/peanuts-monitor"
grep -q '/share/man/man1/peanuts-monitor.1.gz$' "$work/tgz-files.txt" || fail "the .tgz lacks the manual page"
dpkg-deb --field "$deb" Depends | tee "$work/depends.txt" >&2
for dep in libqt6svg6 qt6-qpa-plugins libqt6sql6-sqlite libqt6charts6 libssl3 libsqlite3-0; do
    grep -q "\b$dep\b" "$work/depends.txt" || fail "Depends lacks $dep"
done

step "unpack"
root=$work/root
dpkg-deb -x "$deb" "$root"
for size in 16 22 24 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/peanuts-monitor.png
    [[ -f $png ]] && python3 - "$png" "$size" <<'PY' || fail "the ${size}x${size} icon is not a ${size}x${size} PNG"
import struct, sys
data = open(sys.argv[1], 'rb').read(24)
size = int(sys.argv[2])
sys.exit(0 if data[:8] == b'\x89PNG\r\n\x1a\n' and struct.unpack('>II', data[16:24]) == (size, size) else 1)
PY
done

step "desktop-file-validate and appstreamcli"
"$source_dir/installer/validate-desktop-files.sh" "$root/usr/share/applications/peanuts-monitor.desktop" \
    "$root/usr/share/metainfo/io.peanuts.Monitor.metainfo.xml" || fail "the desktop entry or the metainfo does not validate"

step "the manual page"
man_page=$root/usr/share/man/man1/peanuts-monitor.1.gz
gzip -t "$man_page" || fail "the manual page is not gzipped"
out=$(zcat "$man_page" | LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z 2>&1) || fail "groff failed"
[[ -z $out ]] || fail "groff warns about the manual page: $out"
rendered=$(zcat "$man_page" | LC_ALL=C.UTF-8 groff -man -Tascii -P-cbou 2>&1) || true
# The page lists every option --help lists.
"$root/usr/bin/peanuts-monitor" --help >"$work/help.txt" 2>&1 || fail "--help failed"
while read -r option; do
    grep -q -- "$option" <<<"$rendered" || fail "the manual page lacks $option, which --help lists"
done < <(grep -o -- '--[a-z][a-z-]*' "$work/help.txt" | sort -u)

step "translations"
# The installed catalogue is found in share/peanuts-monitor/translations, and with it Qt's own (the
# parser's "Options:" heading is Qt's string): qt6-translations-l10n, which the .deb recommends.
LANGUAGE=de "$root/usr/bin/peanuts-monitor" --help 2>&1 | grep -x 'Optionen:' >/dev/null || fail "--help under LANGUAGE=de is not German"
zcat "$man_page" | grep 'Run the receiver without a window' >/dev/null || fail "the manual page is not the English one"

step "systemd-analyze verify"
if command -v systemd-analyze >/dev/null; then
    # The unit as installed, with its binary where it was unpacked (verify checks that it exists).
    unit_dir=$work/units
    mkdir -p "$unit_dir"
    sed "s|/usr/bin/peanuts-monitor|$root/usr/bin/peanuts-monitor|" \
        "$root/usr/lib/systemd/user/peanuts-monitor.service" >"$unit_dir/peanuts-monitor.service"
    grep -q '^LoadCredential=peanuts-secret:' "$unit_dir/peanuts-monitor.service" \
        || fail "the unit does not take the secret from a credential"
    if grep -Eqi '^(Environment=.*SECRET|ExecStart=.*--secret[^-])' "$unit_dir/peanuts-monitor.service"; then
        fail "the unit holds a secret itself"
    fi
    out=$(MANPATH=$root/usr/share/man systemd-analyze verify --man=yes "$unit_dir/peanuts-monitor.service" 2>&1) \
        || fail "systemd-analyze verify: $out"
    [[ -z $out ]] || fail "systemd-analyze verify is not silent: $out"
else
    echo "package-test: systemd-analyze not found, the unit is not verified" >&2
fi

step "the unpacked binary"
bin=$root/usr/bin/peanuts-monitor
version=$("$bin" --version) || fail "--version failed"
[[ $version == "peanuts-monitor $(sed -n 's/^project(PeanutsMonitor VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")" ]] \
    || fail "--version says \"$version\""
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$HOME"
secret='package-test-secret'
printf 'test=%s\n' "$secret" >"$work/secrets"
chmod 600 "$work/secrets"
QT_QPA_PLATFORM=offscreen "$bin" --headless --no-stream --port 0 --port-file "$work/port" --db "$work/peanuts.db" \
    --settings "$work/settings.ini" --secret-file "$work/secrets" >"$work/run.log" 2>&1 &
pid=$!
for _ in $(seq 100); do [[ -s $work/port ]] && break; sleep 0.1; done
if [[ -s $work/port ]]; then
    # The same delivery signed with the secret, then with a wrong signature: 200, then 401.
    statuses=$(python3 - "$(cat "$work/port")" "$secret" <<'PY'
import datetime, hashlib, hmac, json, sys, urllib.error, urllib.request
port, secret = sys.argv[1].strip(), sys.argv[2].encode()
now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
body = json.dumps({'event': 'entry.created', 'timestamp': now,
                   'helper': {'id': 'h-1', 'name': 'Expense Tracker', 'command': '/expenses'},
                   'entry': {'id': 'package-test-1', 'created_at': now,
                             'data': {'amount': 12.5, 'category': 'Food', 'description': 'package test'}},
                   'user': {'id': 'user-1'}}).encode()
for signature in (hmac.new(secret, body, hashlib.sha256).hexdigest(), '00' * 32):
    request = urllib.request.Request(f'http://127.0.0.1:{port}/webhook', data=body, method='POST',
                                     headers={'Content-Type': 'application/json', 'X-Peanuts-Signature': signature})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            print(response.status)
    except urllib.error.HTTPError as error:
        print(error.code)
PY
) || statuses="no answer"
    read -r signed unsigned <<<"$(echo $statuses)"
    [[ $signed == 200 ]] || fail "a signed delivery got ${signed:-no answer}, not 200"
    [[ $unsigned == 401 ]] || fail "a badly signed delivery got ${unsigned:-no answer}, not 401"
else
    fail "the unpacked binary did not start listening: $(cat "$work/run.log")"
fi
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=

step "apt-get install --simulate"
apt-get install --simulate "$deb" >"$work/apt.txt" 2>&1 || { cat "$work/apt.txt" >&2; fail "apt-get cannot resolve the package's dependencies"; }
grep -q '^Inst peanuts-monitor ' "$work/apt.txt" || { cat "$work/apt.txt" >&2; fail "apt-get would not install peanuts-monitor"; }

if ((failures)); then
    echo "package-test: $failures check(s) failed" >&2
    exit 1
fi
echo "package-test: all checks passed ($deb)" >&2
