#!/usr/bin/env bash
# Builds the demo SQLite database the way Larder's users got theirs: by running
# each release in turn, so the ledger records which build applied each
# migration.
#
#   resources/demo/make-demo-db.sh CLI OUT.db
#
# CLI is the backstep-cli executable; OUT.db is replaced if it exists.
set -euo pipefail

if (($# != 2)); then
    echo "usage: $0 CLI OUT.db" >&2
    exit 2
fi
cli=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
migrations="$here/migrations"

if [[ ! -x "$cli" ]]; then
    echo "make-demo-db: $cli is not an executable (build backstep-cli first)" >&2
    exit 2
fi

# builds.json is read with sed and grep rather than python3 or jq, which a
# fresh Debian 12 machine does not necessarily have. Its values contain no
# white space, so dropping all of it leaves one {...} object per build,
# whatever the file's layout.
builds=$(tr -d ' \t\r\n' <"$here/builds.json" | grep -o '{[^}]*}') || {
    echo "make-demo-db: no builds in $here/builds.json" >&2
    exit 1
}

# Each build starts from where the previous one left the database, so the file
# must start empty; stale journal files of an earlier database would be
# replayed into the new one.
mkdir -p "$(dirname "$out")"
rm -f "$out" "$out-journal" "$out-wal" "$out-shm"

# DESIGN.md's URI forms: sqlite:relative/path or sqlite:///absolute/path.
if [[ "$out" == /* ]]; then
    uri="sqlite://$out"
else
    uri="sqlite:$out"
fi

previous=0
while read -r build; do
    version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' <<<"$build")
    max_id=$(sed -n 's/.*"max_id":\([0-9][0-9]*\).*/\1/p' <<<"$build")
    if [[ -z "$version" || -z "$max_id" ]]; then
        echo "make-demo-db: builds.json entry without version or max_id: $build" >&2
        exit 1
    fi
    if ((max_id <= previous)); then
        echo "make-demo-db: builds.json is not in ascending max_id order at $version" >&2
        exit 1
    fi
    previous=$max_id
    echo "make-demo-db: Larder $version applies migrations up to $max_id"
    "$cli" migrate --db "$uri" --migrations "$migrations" --up-to "$max_id" --build-version "$version"
done <<<"$builds"

echo "make-demo-db: wrote $out"
