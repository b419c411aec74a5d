#!/usr/bin/env bash
# Installs the Debian 12 packages Backstep needs to build, test and run its demo.
# Only missing packages are installed, so a second run costs one dpkg-query and
# touches neither the network nor the apt lists.
set -euo pipefail

# Why each group is here:
#   Qt 6 widgets, sql, svg, linguist tools and the two sql drivers the code opens
#   (libqt6sql6 merely *recommends* the drivers, so they are named explicitly
#   because we install with --no-install-recommends);
#   the build toolchain (cmake only recommends make, so make is named too);
#   PostgreSQL server + client headers and libpg_query for the analysis;
#   libsqlite3 (backup API) and libxxhash (the unchanged proof's digest) for the
#   rehearsal;
#   sqlite3 CLI for the demo scripts; xvfb/xauth/fonts/GL for UI tests;
#   Google Benchmark for tests/bench;
#   packaging (tests/packaging): dpkg-dev (dpkg-shlibdeps for the Depends that
#   cpack writes), the validators desktop-file-validate and appstreamcli, man-db
#   to render the man pages, libxml2-utils (xmllint) to read the metainfo, file,
#   and shared-mime-info + libglib2.0-bin (gio) to check that a file manager
#   types a database as application/vnd.sqlite3 and offers Backstep for it.
packages=(
    qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql qt6-svg-dev qt6-tools-dev qt6-l10n-tools
    ninja-build cmake make g++
    postgresql libpq-dev libsqlite3-dev libxxhash-dev libpg-query-dev sqlite3
    xvfb xauth fonts-dejavu-core libgl-dev
    libbenchmark-dev
    dpkg-dev desktop-file-utils appstream man-db libxml2-utils file shared-mime-info libglib2.0-bin
)

# One dpkg-query call for all packages keeps the "nothing to do" path fast.
# Packages dpkg has never heard of are not printed at all (and make dpkg-query
# exit non-zero), so anything not reported as fully installed counts as missing.
declare -A installed=()
while read -r name status; do
    if [[ "$status" == "install ok installed" ]]; then
        installed["$name"]=1
    fi
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for p in "${packages[@]}"; do
    [[ -n "${installed[$p]:-}" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

# apt needs root; a sudoer gets the same effect through sudo.
sudo_cmd=()
if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps: missing packages: ${missing[*]}" >&2
        echo "install-deps: not root and sudo is not installed; run this script as root" >&2
        exit 1
    fi
    sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
# The lists are refreshed only now, because on a fresh machine they are empty and
# on a prepared one the update is the slowest part of this script.
"${sudo_cmd[@]}" apt-get update
# noninteractive: postgresql and tzdata ask questions through debconf otherwise.
# --no-install-recommends: keeps the install small; everything the project needs
# is named above.
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
