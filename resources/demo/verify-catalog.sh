#!/usr/bin/env bash
# Checks the demo catalog with the databases' own tools, independently of
# Backstep's runner:
#   1. every migration's up SQL applies cleanly, in id order, on SQLite (sqlite3
#      CLI) and on PostgreSQL (psql against a throwaway server), with a few
#      sample rows inserted along the way so that the data-moving migrations
#      (backfills, table rebuilds, the photo move) have something to move;
#   2. every down SQL reverses its up: the schema after up + down equals the
#      schema before the up, and the up applies again afterwards.
#
#   resources/demo/verify-catalog.sh [sqlite|postgres]...   (default: both)
#
# Each file is applied the way Backstep's runner applies it: inside one
# transaction, except the files marked "-- backstep: no-transaction".
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
migrations="$here/migrations"
dialects=("$@")
((${#dialects[@]})) || dialects=(sqlite postgres)

work=$(mktemp -d /tmp/backstep-verify.XXXXXX)
pg_bin=
pg_data=
# shellcheck disable=SC2317 # only reached through the trap below
cleanup() {
    if [[ -n "$pg_data" ]]; then
        as_pg "$pg_bin/pg_ctl" stop -D "$pg_data" -m fast -w >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
    echo "verify-catalog: $*" >&2
    exit 1
}

# --- the catalog -----------------------------------------------------------

# One pass over the folder: up_files[DIALECT:ID] and down_files[DIALECT:ID] name the file
# used for that dialect, the dialect's own file winning over the shared one.
declare -A up_files=() down_files=()
for f in "$migrations"/[0-9]*_*.sql; do
    name=${f##*/}
    [[ "$name" =~ ^([0-9]+)_[^.]+(\.down)?(\.(sqlite|postgres))?\.sql$ ]] ||
        fail "unexpected file name $name"
    id=$((10#${BASH_REMATCH[1]}))
    dialect=${BASH_REMATCH[4]}
    for d in sqlite postgres; do
        [[ -z "$dialect" || "$dialect" == "$d" ]] || continue
        if [[ -n "${BASH_REMATCH[2]}" ]]; then
            [[ -n "$dialect" || -z "${down_files[$d:$id]:-}" ]] && down_files[$d:$id]=$f
        else
            [[ -n "$dialect" || -z "${up_files[$d:$id]:-}" ]] && up_files[$d:$id]=$f
        fi
    done
done
mapfile -t ids < <(printf '%s\n' "${!up_files[@]}" | sed 's/^[a-z]*://' | sort -un)
((${#ids[@]})) || fail "no migrations in $migrations"

up_file() {
    [[ -n "${up_files[$2:$1]:-}" ]] || fail "migration $1 has no up SQL for $2"
    echo "${up_files[$2:$1]}"
}
down_file() {
    echo "${down_files[$2:$1]:-}"
}

no_transaction() {
    grep -q '^-- backstep: no-transaction' "$1"
}

# Sample rows, inserted right after the migration whose id is the key, in SQL
# that both dialects accept.
declare -A seed=(
    [6]="
        INSERT INTO users (email, display_name, password_hash)
            VALUES ('ana@example.org', 'Ana', 'x'), ('ben@example.org', 'Ben', 'x');
        INSERT INTO sessions (token, user_id, expires_at) VALUES ('t-1', 1, '2030-01-01 00:00:00');
        INSERT INTO recipes (title, servings, photo_url, created_by)
            VALUES ('Shakshuka', 2, 'https://example.org/shakshuka.jpg', 1), ('Lentil soup', 4, NULL, 2);
        INSERT INTO recipe_ingredients (recipe_id, sort_order, name, quantity, unit)
            VALUES (1, 1, 'eggs', 4, NULL), (1, 2, 'tomatoes', 400, ' Grams'), (2, 1, 'red lentils', 250, 'g');
        INSERT INTO pantry_items (name, quantity, unit, location, barcode)
            VALUES ('rice', 2, 'kg', 'cupboard', '4001234567890'), ('milk', 1, 'l', 'fridge', NULL);
        INSERT INTO recipe_tags (recipe_id, tag) VALUES (1, 'vegetarian'), (2, 'weeknight');"
    [18]="
        INSERT INTO shopping_lists (name) VALUES ('Saturday market');
        INSERT INTO shopping_list_items (list_id, name, quantity) VALUES (1, 'leeks', 3);"
)

# What the sample rows must look like after the last migration.
final_checks="
SELECT 'photo moved',     count(*) = 1 FROM recipe_photos WHERE url LIKE '%shakshuka%';
SELECT 'household set',   count(*) = 2 FROM pantry_items WHERE household_id IS NOT NULL;
SELECT 'units normalised', count(*) = 1 FROM recipe_ingredients WHERE unit = 'grams';
SELECT 'labels kept',     count(*) = 2 FROM recipe_labels;
SELECT 'items kept',      count(*) = 1 FROM shopping_list_items WHERE added_at IS NOT NULL;"
check_count=$(grep -c '^SELECT' <<<"$final_checks")

# --- SQLite ------------------------------------------------------------------

# sqlite_apply DB FILE-OR-SQL: foreign keys on, as an application would run.
sqlite_apply_file() {
    local tx_begin="BEGIN;" tx_end="COMMIT;"
    if no_transaction "$2"; then tx_begin="" tx_end=""; fi
    { echo "PRAGMA foreign_keys = ON;"; echo "$tx_begin"; cat "$2"; echo; echo "$tx_end"; } |
        sqlite3 -bail "$1" >/dev/null || fail "sqlite: $(basename "$2") failed"
}
sqlite_apply_sql() {
    printf 'PRAGMA foreign_keys = ON;\n%s\n' "$2" | sqlite3 -bail "$1" >/dev/null ||
        fail "sqlite: sample rows failed: $2"
}

# The schema as SQLite reports it, in an order independent of creation order:
# each object's SQL, and every column's declared type, nullability and default.
sqlite_schema() {
    sqlite3 "$1" "
        SELECT type, name, tbl_name, sql FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name;
        SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk
          FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) c
         WHERE m.type = 'table' ORDER BY m.name, c.cid;"
}

# sqlite_build DB LAST: a new database with migrations 1..LAST and sample rows.
sqlite_build() {
    rm -f "$1"
    local id
    for id in "${ids[@]}"; do
        ((10#$id <= $2)) || break
        sqlite_apply_file "$1" "$(up_file "$((10#$id))" sqlite)"
        [[ -z "${seed[$((10#$id))]:-}" ]] || sqlite_apply_sql "$1" "${seed[$((10#$id))]}"
    done
}

verify_sqlite() {
    local db="$work/sqlite.db" id n down before after out
    sqlite_build "$db" "$((10#${ids[-1]}))"
    [[ "$(sqlite3 "$db" 'PRAGMA integrity_check;')" == ok ]] || fail "sqlite: integrity_check failed"
    [[ -z "$(sqlite3 "$db" 'PRAGMA foreign_key_check;')" ]] || fail "sqlite: foreign_key_check failed"
    out=$(sqlite3 -bail "$db" "$final_checks") || fail "sqlite: checking the sample rows failed"
    [[ "$(grep -c '|1$' <<<"$out")" == "$check_count" ]] ||
        fail "sqlite: sample rows wrong after the last migration: $out"
    echo "sqlite: ${#ids[@]} migrations applied in order"

    for id in "${ids[@]}"; do
        n=$((10#$id))
        down=$(down_file "$n" sqlite)
        [[ -n "$down" ]] || continue
        sqlite_build "$db" "$((n - 1))"
        before=$(sqlite_schema "$db")
        sqlite_apply_file "$db" "$(up_file "$n" sqlite)"
        sqlite_apply_file "$db" "$down"
        after=$(sqlite_schema "$db")
        if [[ "$before" != "$after" ]]; then
            diff <(echo "$before") <(echo "$after") >&2 || true
            fail "sqlite: $(basename "$down") does not restore the schema before $id"
        fi
        sqlite_apply_file "$db" "$(up_file "$n" sqlite)"
        echo "sqlite: $(basename "$down") reverses $id"
    done
}

# --- PostgreSQL ----------------------------------------------------------------

# The server runs as "postgres" when this script runs as root, as initdb
# refuses root; the cd keeps it away from an unreadable working directory.
as_pg() {
    if ((EUID == 0)); then
        (cd "$work" && runuser -u postgres -- "$@")
    else
        (cd "$work" && "$@")
    fi
}

pg_start() {
    pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d | sort -V | tail -n 1)
    [[ -x "$pg_bin/initdb" ]] || fail "no PostgreSQL server in /usr/lib/postgresql/*/bin"
    ((EUID != 0)) || chown postgres: "$work"
    as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; fail "initdb failed"; }
    pg_data="$work/pg"
    local port
    for _attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
        if as_pg "$pg_bin/pg_ctl" start -w -D "$pg_data" -l "$work/pg.log" \
            -o "-h 127.0.0.1 -p $port -k '$work' -c fsync=off" >/dev/null; then
            export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
            export PGOPTIONS="-c client_min_messages=warning"
            return
        fi
    done
    tail -n 20 "$work/pg.log" >&2 || true
    fail "PostgreSQL did not start"
}

pg_apply_file() {
    local single=(--single-transaction)
    if no_transaction "$2"; then single=(); fi
    psql -X -q -v ON_ERROR_STOP=1 "${single[@]}" -d "$1" -f "$2" >/dev/null ||
        fail "postgres: $(basename "$2") failed"
}

pg_schema() {
    pg_dump --schema-only --no-owner --no-privileges -d "$1" | grep -v '^--\|^\\\(un\)\?restrict '
}

pg_build() {
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    local id
    for id in "${ids[@]}"; do
        ((10#$id <= $2)) || break
        pg_apply_file "$1" "$(up_file "$((10#$id))" postgres)"
        if [[ -n "${seed[$((10#$id))]:-}" ]]; then
            psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "${seed[$((10#$id))]}" >/dev/null ||
                fail "postgres: sample rows after $id failed"
        fi
    done
}

verify_postgres() {
    pg_start
    local id n down before after out
    pg_build verify "$((10#${ids[-1]}))"
    out=$(psql -X -At -F '|' -v ON_ERROR_STOP=1 -d verify <<<"$final_checks") ||
        fail "postgres: checking the sample rows failed"
    [[ "$(grep -c '|t$' <<<"$out")" == "$check_count" ]] ||
        fail "postgres: sample rows wrong after the last migration: $out"
    echo "postgres: ${#ids[@]} migrations applied in order"

    for id in "${ids[@]}"; do
        n=$((10#$id))
        down=$(down_file "$n" postgres)
        [[ -n "$down" ]] || continue
        pg_build verify "$((n - 1))"
        before=$(pg_schema verify)
        pg_apply_file verify "$(up_file "$n" postgres)"
        pg_apply_file verify "$down"
        after=$(pg_schema verify)
        if [[ "$before" != "$after" ]]; then
            diff <(echo "$before") <(echo "$after") >&2 || true
            fail "postgres: $(basename "$down") does not restore the schema before $id"
        fi
        pg_apply_file verify "$(up_file "$n" postgres)"
        echo "postgres: $(basename "$down") reverses $id"
    done
}

for d in "${dialects[@]}"; do
    case "$d" in
        sqlite) verify_sqlite ;;
        postgres) verify_postgres ;;
        *) fail "unknown dialect $d (sqlite or postgres)" ;;
    esac
done
echo "verify-catalog: all checks passed"
