#!/usr/bin/env bash
# Validates a desktop entry (desktop-file-validate: not a word to say) and an AppStream metainfo file
# (appstreamcli validate --pedantic --no-net: no errors, no warnings; each hint that stays must be
# explained in installer/README.md). The test suite runs it on the sources (desktop_files) and
# installer/package-test.sh on the files the package installs.
# usage: installer/validate-desktop-files.sh DESKTOP_FILE METAINFO_FILE
set -uo pipefail
(($# == 2)) || { echo "usage: $0 DESKTOP_FILE METAINFO_FILE" >&2; exit 2; }
readme=$(dirname "$0")/README.md
status=0
if ! out=$(desktop-file-validate "$1" 2>&1) || [[ -n $out ]]; then
    echo "desktop-file-validate $1: ${out:-failed}" >&2
    status=1
fi
out=$(appstreamcli validate --pedantic --no-net "$2" 2>&1) || status=1
echo "$out"
if grep -q '^[EW]: ' <<<"$out"; then
    echo "appstreamcli reports errors or warnings for $2" >&2
    status=1
fi
while read -r tag; do
    if ! grep -q -- "\`$tag\`" "$readme"; then
        echo "the AppStream hint $tag is not explained in installer/README.md" >&2
        status=1
    fi
done < <(sed -n 's/^[PI]: [^ ]* \([a-z0-9-]*\).*/\1/p' <<<"$out" | sort -u)
exit $status
