#!/usr/bin/env bash
# Installs the two .debs that build-deb.sh made with apt-get, as a person would,
# uses Backstep from the installed paths only, and removes it again:
#   backstep-cli --version; backstep-cli migrate builds a database from the demo
#   catalog; backstep --demo --screenshot (offscreen); the desktop entry's Exec
#   line, expanded as a launcher does, opens that database file; the file is
#   typed application/vnd.sqlite3 and "Open with" offers Backstep for it;
#   man -l renders both pages and man finds them by name; then apt-get purge
#   leaves none of the files behind.
# Needs root (exit 77: skipped otherwise). A Backstep that was installed before
# the test is left alone (skipped too).
#
#   install-deb.sh DEB_DIR APP_ID DEMO_DIR
set -euo pipefail

deb_dir=$1 app_id=$2 demo_dir=$3
if ((EUID != 0)); then
    echo "SKIP: installing the .deb needs root (apt-get install); run the tests as root to exercise it"
    exit 77
fi
already=$(dpkg-query -W -f='${Package} ${Status}\n' backstep backstep-cli 2>/dev/null | grep ' installed$' || true)
if [[ -n "$already" ]]; then
    echo "SKIP: Backstep is already installed on this machine ($(echo $already)); not touching it"
    exit 77
fi
shopt -s nullglob
debs=("$deb_dir"/backstep_*.deb "$deb_dir"/backstep-cli_*.deb)
if ((${#debs[@]} != 2)); then
    echo "FAIL: expected backstep_*.deb and backstep-cli_*.deb in $deb_dir, found: ${debs[*]:-none}"
    exit 1
fi

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
scratch=$(mktemp -d)
apt_options=(-y -q -o DPkg::Lock::Timeout=120)

remove_packages() {
    DEBIAN_FRONTEND=noninteractive apt-get purge "${apt_options[@]}" backstep backstep-cli >"$scratch/purge.log" 2>&1
}
# Whatever happens below, the machine ends without the packages.
cleanup() {
    if dpkg-query -W -f='${Status}\n' backstep backstep-cli 2>/dev/null | grep -q ' installed$'; then
        remove_packages || cat "$scratch/purge.log"
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

start=$SECONDS
# "./": apt-get installs a file only when it is named as a path.
if ! (cd "$deb_dir" && DEBIAN_FRONTEND=noninteractive apt-get install "${apt_options[@]}" \
    --no-install-recommends ./backstep_*.deb ./backstep-cli_*.deb) >"$scratch/install.log" 2>&1; then
    cat "$scratch/install.log"
    echo "FAIL: apt-get install ./backstep_*.deb ./backstep-cli_*.deb failed"
    exit 1
fi
echo "apt-get install: $((SECONDS - start)) s"

# Only the installed files from here on: no build tree on PATH, a clean home.
export PATH=/usr/bin:/bin HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config \
    XDG_RUNTIME_DIR=$scratch/runtime TMPDIR=$scratch QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

version=$(dpkg-query -W -f='${Version}' backstep-cli)
cli_version=$(backstep-cli --version 2>&1) || fail "backstep-cli --version exited $?: $cli_version"
[[ "$cli_version" == *"${version%-*}"* ]] || fail "backstep-cli --version says \"$cli_version\", the package is $version"
echo "backstep-cli --version: $cli_version ($(command -v backstep-cli))"

# A SQLite database made by the installed CLI from the demo catalog.
database=$scratch/larder.sqlite
if ! out=$(backstep-cli migrate --db "sqlite://$database" --migrations "$demo_dir/migrations" 2>&1); then
    fail "backstep-cli migrate on the demo catalog: $out"
fi
status=$(backstep-cli status --db "sqlite://$database" --no-analysis 2>&1) || fail "backstep-cli status: $status"
grep -q 'Head #37, 37 applied' <<<"$status" || fail "backstep-cli status does not show the demo's 37 migrations: $status"

png_size() { file -b "$1" 2>/dev/null | sed -n 's/^PNG image data, \([0-9]* x [0-9]*\),.*/\1/p'; }
if backstep --demo --screenshot "$scratch/demo.png" >"$scratch/demo.log" 2>&1; then
    size=$(png_size "$scratch/demo.png")
    [[ -n "$size" ]] || fail "backstep --demo --screenshot wrote no PNG"
    echo "backstep --demo --screenshot: $size"
else
    fail "backstep --demo --screenshot exited $?: $(cat "$scratch/demo.log")"
fi

# The menu entry: Exec expanded as the desktop entry spec says (%f: one file),
# run as installed. --screenshot makes it quit once the file is loaded; a load
# failure exits 2.
desktop=/usr/share/applications/$app_id.desktop
[[ -f "$desktop" ]] || { echo "FAIL: the package installed no $desktop"; exit 1; }
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
try_exec=$(sed -n 's/^TryExec=//p' "$desktop")
[[ -n "$exec_line" ]] || fail "$desktop has no Exec line"
command -v "$try_exec" >/dev/null || fail "TryExec=$try_exec is not on PATH"
read -r -a argv <<<"$exec_line"
expanded=()
for word in "${argv[@]}"; do
    case "$word" in
    %f | %F | %u | %U) expanded+=("$database") ;;
    %*) ;;
    *) expanded+=("$word") ;;
    esac
done
[[ "$(command -v "${expanded[0]}")" == /usr/bin/backstep ]] || fail "Exec starts ${expanded[0]}, not /usr/bin/backstep"
if "${expanded[@]}" --screenshot "$scratch/opened.png" >"$scratch/opened.log" 2>&1; then
    size=$(png_size "$scratch/opened.png")
    [[ -n "$size" ]] || fail "the Exec line wrote no screenshot"
    echo "Exec line \"$exec_line\" opened $database: $size"
else
    fail "the Exec line \"${expanded[*]}\" exited $?: $(cat "$scratch/opened.log")"
fi

# "Open with": the file's MIME type by shared-mime-info, and the applications
# registered for it (mimeinfo.cache, written by desktop-file-utils' trigger).
if command -v gio >/dev/null; then
    type=$(gio info -a standard::content-type "$database" | sed -n 's/^ *standard::content-type: //p')
    [[ "$type" == application/vnd.sqlite3 ]] || fail "$database is typed \"$type\", not application/vnd.sqlite3"
    # Captured first: grep -q stops reading early, and under pipefail gio's SIGPIPE
    # would fail the check although the line was there.
    offered=$(gio mime application/vnd.sqlite3)
    [[ "$offered" == *"$app_id.desktop"* ]] ||
        fail "gio mime application/vnd.sqlite3 does not offer $app_id.desktop: $offered"
else
    fail "gio is not installed (libglib2.0-bin, packaging/install-deps.sh)"
fi
for type in application/vnd.sqlite3 application/x-sqlite3; do
    grep -q "^$type=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
        fail "mimeinfo.cache does not list $app_id.desktop for $type"
done

for page in backstep backstep-cli; do
    file=/usr/share/man/man1/$page.1.gz
    rendered=$(LC_ALL=C MANWIDTH=80 man -l "$file" 2>&1) || fail "man -l $file failed: $rendered"
    title=$(tr 'a-z' 'A-Z' <<<"$page")
    head -n 1 <<<"$rendered" | grep -q "^$title(1)" || fail "man -l $file does not start with $title(1)"
    grep -q '^NAME' <<<"$rendered" && grep -q '^OPTIONS\|^COMMANDS' <<<"$rendered" ||
        fail "man -l $file lacks NAME or OPTIONS/COMMANDS"
    [[ "$(man -w "$page" 2>/dev/null)" == "$file" ]] || fail "man -w $page does not find $file"
    echo "man -l $file: $(wc -l <<<"$rendered") lines"
done

start=$SECONDS
if ! remove_packages; then
    cat "$scratch/purge.log"
    fail "apt-get purge backstep backstep-cli failed"
fi
echo "apt-get purge: $((SECONDS - start)) s"
left=$(dpkg-query -W -f='${Package} ${Status}\n' backstep backstep-cli 2>/dev/null | grep -v 'not-installed$' || true)
[[ -z "$left" ]] || fail "still known to dpkg after purge: $left"
for file in /usr/bin/backstep /usr/bin/backstep-cli "$desktop" /usr/share/metainfo/$app_id.metainfo.xml \
    /usr/share/man/man1/backstep.1.gz /usr/share/man/man1/backstep-cli.1.gz \
    /usr/share/icons/hicolor/scalable/apps/$app_id.svg; do
    [[ ! -e "$file" ]] || fail "$file is still there after purge"
done
grep -q "$app_id.desktop" /usr/share/applications/mimeinfo.cache 2>/dev/null &&
    fail "mimeinfo.cache still lists $app_id.desktop after purge"

if ((failures)); then
    echo "$failures problem(s) with the installed packages"
    exit 1
fi
echo "installed, used from /usr and purged cleanly"
