#!/usr/bin/env bash
# Validates the desktop entry and the AppStream metainfo with the freedesktop
# validators, and checks what they cannot know: that both name the same desktop
# id, that the entry starts the backstep executable with one file, that it opens
# SQLite databases, and that the metainfo's release is this build's version.
# A broken copy of each file must fail its validator, so a validator that
# accepts anything cannot pass this test.
#
#   check-desktop-files.sh DESKTOP_FILE METAINFO_FILE APP_ID VERSION
set -euo pipefail

desktop=$1 metainfo=$2 app_id=$3 version=$4
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (packaging/install-deps.sh)"; exit 1; }
done

if ! out=$(desktop-file-validate "$desktop" 2>&1) || [[ -n "$out" ]]; then
    fail "desktop-file-validate $desktop: $out"
fi
# Validates offline; warnings fail it as errors do.
if ! out=$(appstreamcli validate --no-net "$metainfo" 2>&1); then
    fail "appstreamcli validate --no-net $metainfo: $out"
fi

key() { sed -n "s/^$1=//p" "$desktop"; }
[[ "$(basename "$desktop")" == "$app_id.desktop" ]] || fail "desktop file is not named $app_id.desktop"
[[ "$(key Exec)" == "backstep %f" ]] || fail "Exec is \"$(key Exec)\", not \"backstep %f\""
[[ "$(key Icon)" == "$app_id" ]] || fail "Icon is \"$(key Icon)\", not $app_id"
[[ "$(key Categories)" == "Development;Database;Qt;" ]] || fail "Categories is \"$(key Categories)\""
for type in application/vnd.sqlite3 application/x-sqlite3; do
    [[ ";$(key MimeType)" == *";$type;"* ]] || fail "MimeType lacks $type"
done

xpath() { xmllint --xpath "$1" "$metainfo" 2>/dev/null || true; }
[[ "$(xpath 'string(/component/id)')" == "$app_id" ]] || fail "metainfo id is not $app_id"
[[ "$(xpath 'string(/component/launchable[@type="desktop-id"])')" == "$app_id.desktop" ]] ||
    fail "metainfo does not launch $app_id.desktop"
[[ "$(xpath 'string(/component/releases/release[1]/@version)')" == "$version" ]] ||
    fail "metainfo's newest release is not $version"
[[ -n "$(xpath 'string(/component/screenshots/screenshot/image)')" ]] || fail "metainfo has no screenshot"
[[ "$(xpath 'string(/component/content_rating/@type)')" == oars-1.1 ]] || fail "metainfo has no OARS content rating"

# The validators must reject a broken copy.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
sed 's/^Type=Application$/Type=Nonsense/' "$desktop" >"$scratch/$app_id.desktop"
desktop-file-validate "$scratch/$app_id.desktop" >/dev/null 2>&1 &&
    fail "desktop-file-validate accepted Type=Nonsense"
sed 's|<content_rating type="oars-1.1"/>|<content_rating type="oars-1.1"/><releases/>|' "$metainfo" >"$scratch/$app_id.metainfo.xml"
appstreamcli validate --no-net "$scratch/$app_id.metainfo.xml" >/dev/null 2>&1 &&
    fail "appstreamcli accepted a second <releases>"

if ((failures)); then
    echo "$failures problem(s) in the desktop entry or the metainfo"
    exit 1
fi
echo "desktop entry and metainfo valid: $desktop, $metainfo"
