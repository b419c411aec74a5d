#!/usr/bin/env bash
# Checks the analysis corpus with the databases' own tools, independently of
# Backstep:
#   1. every up file carries a well-formed expectation for each dialect it is
#      read for ("-- expect[ DIALECT]: VERDICT RULE-ID..."), whose rule ids
#      exist in core/analysis/rulecatalogue.cpp and whose verdict is the worst
#      severity among them; the catalog lies/ holds enough lies; the coverage
#      table in README.md matches the files;
#   2. every catalog applies cleanly, in id order, on a fresh database of each
#      dialect it has: SQLite with the sqlite3 CLI (all files in one session),
#      PostgreSQL with psql against a throwaway server this script starts (one
#      fresh database per catalog).
#
#   tests/data/analysis-corpus/verify.sh [sqlite|postgres]...   (default: both)
#   tests/data/analysis-corpus/verify.sh coverage                (print the README table)
#
# Catalogs named pg-* are PostgreSQL only, sqlite-* SQLite only, all others
# both. Each file is applied the way Backstep's runner applies it: inside one
# transaction, except the files marked "-- backstep: no-transaction".
# Exits non-zero on the first failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rules_source="$here/../../../core/analysis/rulecatalogue.cpp"

fail() {
    echo "verify: $*" >&2
    exit 1
}

mode=check
dialects=()
for arg in "$@"; do
    case "$arg" in
        sqlite | postgres) dialects+=("$arg") ;;
        coverage) mode=coverage ;;
        -h | --help)
            sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *) fail "unknown argument '$arg' (sqlite, postgres or coverage)" ;;
    esac
done
((${#dialects[@]})) || dialects=(sqlite postgres)

# --- the rule catalogue ---------------------------------------------------------

[[ -r "$rules_source" ]] || fail "cannot read $rules_source"
declare -A severity=() # rule id -> 0 info, 1 caution, 2 breaking
declare -a rule_order=()
while read -r id sev; do
    case "$sev" in
        Info) severity[$id]=0 ;;
        Caution) severity[$id]=1 ;;
        Breaking) severity[$id]=2 ;;
        *) fail "rulecatalogue.cpp: unknown severity $sev for $id" ;;
    esac
    rule_order+=("$id")
done < <(grep -E '^\s*(rule|profiled)\("[a-z-]+", S::[A-Za-z]+' "$rules_source" |
    sed -E 's/^\s*(rule|profiled)\("([a-z-]+)", S::([A-Za-z]+).*/\2 \3/')
((${#rule_order[@]} > 30)) || fail "found only ${#rule_order[@]} rules in $rules_source"
verdict_names=(compatible caution breaking)

# --- the catalogs -----------------------------------------------------------------

mapfile -t catalogs < <(find "$here" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n' | sort)
((${#catalogs[@]})) || fail "no catalogs in $here"

catalog_dialects() {
    case "$1" in
        pg-*) echo postgres ;;
        sqlite-*) echo sqlite ;;
        *) echo sqlite postgres ;;
    esac
}

# up[CATALOG/DIALECT/ID] = path of the up file read for that dialect (the
# dialect's own file wins over the shared one); ids[CATALOG] = its ids, sorted.
declare -A up=() ids=()
for catalog in "${catalogs[@]}"; do
    dir="$here/$catalog"
    read -r -a cds <<<"$(catalog_dialects "$catalog")"
    declare -A seen=()
    for f in "$dir"/*; do
        name=${f##*/}
        [[ -f "$f" ]] || fail "$catalog/$name: not a file (catalogs hold only migration files)"
        [[ "$name" =~ ^([0-9]+)_[A-Za-z0-9_-]+(\.down)?(\.(sqlite|postgres))?\.sql$ ]] ||
            fail "$catalog/$name: not a migration file name (NNNN_name[.sqlite|.postgres][.down].sql)"
        id=$((10#${BASH_REMATCH[1]}))
        [[ -z "${BASH_REMATCH[2]}" ]] || continue
        fd=${BASH_REMATCH[4]}
        if ((${#cds[@]} == 1)) && [[ "$fd" != "${cds[0]}" ]]; then
            fail "$catalog/$name: a ${cds[0]}-only catalog holds only .${cds[0]}.sql files"
        fi
        seen[$id]=1
        for d in "${cds[@]}"; do
            [[ -z "$fd" || "$fd" == "$d" ]] || continue
            if [[ -n "$fd" || -z "${up[$catalog/$d/$id]:-}" ]]; then
                up[$catalog/$d/$id]=$f
            fi
        done
    done
    ((${#seen[@]})) || fail "$catalog: no migrations"
    ids[$catalog]=$(printf '%s\n' "${!seen[@]}" | sort -n | tr '\n' ' ')
    for id in ${ids[$catalog]}; do
        for d in "${cds[@]}"; do
            [[ -n "${up[$catalog/$d/$id]:-}" ]] || fail "$catalog: id $id has no up file for $d"
        done
    done
    unset seen
done

# One pass over every up file's header (the comment and blank lines before the
# first statement): its directives and its expect lines. An expect line after
# the header is an error. Reading everything at once keeps the check fast.
declare -A directives=() expects=()
mapfile -t up_files < <(printf '%s\n' "${up[@]}" | sort -u)
while IFS=$'\t' read -r file kind value; do
    case "$kind" in
        expect) expects[$file]+="$value"$'\n' ;;
        late) fail "${file#"$here"/}: expect lines belong in the header, before the first statement" ;;
        directive) directives[$file]+="$value," ;;
    esac
done < <(awk '
    FNR == 1 { header = 1 }
    header && !/^[[:space:]]*$/ && !/^[[:space:]]*--/ { header = 0 }
    /^[[:space:]]*--[[:space:]]*expect/ { print FILENAME "\t" (header ? "expect" : "late") "\t" $0; next }
    header && tolower($0) ~ /^[[:space:]]*--[[:space:]]*backstep[[:space:]]*:/ {
        line = tolower($0); sub(/^[^:]*:/, "", line); gsub(/[[:space:]]/, "", line)
        print FILENAME "\tdirective\t" line
    }' "${up_files[@]}")

# declared FILE -> "compatible" when the header declares backward-compatible, else "breaking".
declared() {
    if [[ ",${directives[$1]:-}" == *",backward-compatible,"* ]]; then
        echo compatible
    else
        echo breaking
    fi
}

no_transaction() {
    [[ ",${directives[$1]:-}" == *",no-transaction,"* ]]
}

# expectation FILE DIALECT: sets $expected to "VERDICT RULE..." from the one line that applies.
expectation() {
    local file=$1 dialect=$2 name=${1#"$here"/} line own="" generic="" n_own=0 n_generic=0
    while IFS= read -r line; do
        [[ -n "$line" ]] || continue
        [[ "$line" =~ ^--\ expect(\ (sqlite|postgres))?:\ (.+)$ ]] ||
            fail "$name: malformed expect line '$line' (-- expect[ sqlite| postgres]: VERDICT RULE-ID...)"
        case "${BASH_REMATCH[2]}" in
            "") generic=${BASH_REMATCH[3]} n_generic=$((n_generic + 1)) ;;
            "$dialect") own=${BASH_REMATCH[3]} n_own=$((n_own + 1)) ;;
            *) # a dialect's own file is read for that dialect only
                [[ "$file" != *.sqlite.sql && "$file" != *.postgres.sql ]] ||
                    fail "$name: expect line for the other dialect" ;;
        esac
    done <<<"${expects[$file]:-}"
    ((n_own + n_generic > 0)) || fail "$name: no expect line for $dialect"
    ((n_own == 0 || n_generic == 0)) || fail "$name: both '-- expect:' and '-- expect $dialect:'"
    ((n_own <= 1 && n_generic <= 1)) || fail "$name: more than one expect line for $dialect"
    expected="$own$generic"
}

# check_expectation FILE DIALECT: the rules exist, appear once, and the verdict is their worst
# severity. Sets $expected and $verdict.
check_expectation() {
    local file=$1 dialect=$2 name=${1#"$here"/} words worst=0 rule
    expectation "$file" "$dialect"
    read -r -a words <<<"$expected"
    ((${#words[@]} >= 2)) || fail "$name: expect line for $dialect names no rule"
    declare -A once=()
    for rule in "${words[@]:1}"; do
        [[ -n "${severity[$rule]:-}" ]] || fail "$name: unknown rule id '$rule'"
        [[ "$rule" != mislabelled && "$rule" != over-cautious ]] ||
            fail "$name: $rule follows from the declared flag; leave it out"
        [[ -z "${once[$rule]:-}" ]] || fail "$name: rule $rule listed twice"
        once[$rule]=1
        if ((severity[$rule] > worst)); then worst=${severity[$rule]}; fi
    done
    [[ "${words[0]}" == "${verdict_names[$worst]}" ]] ||
        fail "$name: verdict for $dialect is ${verdict_names[$worst]} by its rules, not ${words[0]}"
    verdict=${words[0]}
}

# --- static checks and coverage ------------------------------------------------------------

declare -A covered=() # "DIALECT/RULE" -> "`catalog/NNNN` ..."
declare -A lies_mis=() lies_over=()
total_sqlite=0
total_postgres=0
for catalog in "${catalogs[@]}"; do
    read -r -a cds <<<"$(catalog_dialects "$catalog")"
    for d in "${cds[@]}"; do
        for id in ${ids[$catalog]}; do
            f=${up[$catalog/$d/$id]}
            check_expectation "$f" "$d"
            stem=${f##*/}
            stem=${stem%%_*}
            for rule in ${expected#* }; do
                covered[$d/$rule]+="${covered[$d/$rule]:+ }\`$catalog/$stem\`"
            done
            decl=$(declared "$f")
            if [[ "$decl" == compatible && "$verdict" == breaking ]]; then
                lies_mis[$catalog/$d]=$((${lies_mis[$catalog/$d]:-0} + 1))
            elif [[ "$decl" == breaking && "$verdict" == compatible ]]; then
                lies_over[$catalog/$d]=$((${lies_over[$catalog/$d]:-0} + 1))
            fi
            if [[ "$d" == sqlite ]]; then
                total_sqlite=$((total_sqlite + 1))
            else
                total_postgres=$((total_postgres + 1))
            fi
        done
    done
done

for d in sqlite postgres; do
    ((${lies_mis[lies/$d]:-0} >= 6)) || fail "lies/ ($d): only ${lies_mis[lies/$d]:-0} mislabelled migrations (want 6)"
    ((${lies_over[lies/$d]:-0} >= 4)) ||
        fail "lies/ ($d): only ${lies_over[lies/$d]:-0} over-cautious migrations (want 4)"
done

coverage_table() {
    local rule
    echo "| rule | severity | sqlite | postgres |"
    echo "| --- | --- | --- | --- |"
    for rule in "${rule_order[@]}"; do
        [[ "$rule" != mislabelled && "$rule" != over-cautious ]] || continue
        echo "| \`$rule\` | ${verdict_names[${severity[$rule]}]} | ${covered[sqlite/$rule]:-—} | ${covered[postgres/$rule]:-—} |"
    done
}

if [[ "$mode" == coverage ]]; then
    coverage_table
    exit 0
fi

readme="$here/README.md"
[[ -r "$readme" ]] || fail "README.md is missing"
if ! diff <(coverage_table) <(sed -n '/^<!-- coverage:begin -->$/,/^<!-- coverage:end -->$/p' "$readme" |
    sed '1d;$d') >&2; then
    fail "README.md's coverage table is out of date (regenerate it with: $0 coverage)"
fi
echo "verify: expectations well-formed: $total_sqlite sqlite and $total_postgres postgres migrations" \
    "in ${#catalogs[@]} catalogs; lies/ has ${lies_mis[lies/sqlite]}/${lies_mis[lies/postgres]} mislabelled," \
    "${lies_over[lies/sqlite]}/${lies_over[lies/postgres]} over-cautious (sqlite/postgres)"

# --- applying the catalogs ------------------------------------------------------------

work=$(mktemp -d /tmp/backstep-corpus.XXXXXX)
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

# All up files of the catalog in one sqlite3 session, each in its own
# transaction, with foreign keys enforced as an application would run.
verify_sqlite_catalog() {
    local catalog=$1 db="$work/$1.db" script="$work/$1.sqlite.sql" id f out
    rm -f "$db"
    {
        echo "PRAGMA foreign_keys = ON;"
        for id in ${ids[$catalog]}; do
            f=${up[$catalog/sqlite/$id]}
            echo ".print 'applying ${f#"$here"/}'"
            no_transaction "$f" || echo "BEGIN;"
            cat "$f"
            echo
            no_transaction "$f" || echo "COMMIT;"
        done
        echo ".print 'integrity:'"
        echo "PRAGMA integrity_check;"
        echo ".print 'foreign keys:'"
        echo "PRAGMA foreign_key_check;"
    } >"$script"
    if ! out=$(sqlite3 -bail "$db" <"$script" 2>&1); then
        echo "$out" | grep -v "^applying" >&2 || true
        fail "sqlite: $(echo "$out" | grep '^applying' | tail -n 1 | sed 's/^applying //') failed"
    fi
    [[ "$(echo "$out" | sed -n '/^integrity:$/,$p' | sed -n 2p)" == ok ]] || fail "sqlite: $catalog: integrity_check: $out"
    [[ "$(echo "$out" | sed -n '/^foreign keys:$/,$p' | sed 1d)" == "" ]] ||
        fail "sqlite: $catalog: foreign_key_check: $(echo "$out" | sed -n '/^foreign keys:$/,$p')"
    echo "sqlite: $catalog: $(wc -w <<<"${ids[$catalog]}") migrations applied in order"
}

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
    pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || fail "no PostgreSQL server in /usr/lib/postgresql/*/bin"
    ((EUID != 0)) || chown postgres: "$work"
    as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$work/initdb.log" 2>&1 || {
        cat "$work/initdb.log" >&2
        fail "initdb failed"
    }
    pg_data="$work/pg"
    local port
    for _attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
        if as_pg "$pg_bin/pg_ctl" start -w -D "$pg_data" -l "$work/pg.log" \
            -o "-h 127.0.0.1 -p $port -k '$work' -c fsync=off" >/dev/null; then
            export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
            export PGOPTIONS="-c client_min_messages=warning"
            unset PGDATABASE PGSERVICE PGPASSWORD
            return
        fi
    done
    tail -n 20 "$work/pg.log" >&2 || true
    fail "PostgreSQL did not start"
}

verify_postgres_catalog() {
    local catalog=$1 db id f single
    db="corpus_${catalog//-/_}"
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
        >/dev/null || fail "postgres: cannot create database $db"
    for id in ${ids[$catalog]}; do
        f=${up[$catalog/postgres/$id]}
        single=(--single-transaction)
        if no_transaction "$f"; then single=(); fi
        psql -X -q -v ON_ERROR_STOP=1 "${single[@]}" -d "$db" -f "$f" >/dev/null ||
            fail "postgres: ${f#"$here"/} failed"
    done
    psql -X -q -d postgres -c "DROP DATABASE $db" >/dev/null
    echo "postgres: $catalog: $(wc -w <<<"${ids[$catalog]}") migrations applied in order"
}

for d in "${dialects[@]}"; do
    [[ "$d" != postgres ]] || pg_start
    for catalog in "${catalogs[@]}"; do
        [[ " $(catalog_dialects "$catalog") " == *" $d "* ]] || continue
        "verify_${d}_catalog" "$catalog"
    done
done
echo "verify: all checks passed"
