#!/usr/bin/env bash
# Runs every test of a build directory with ctest, against a throwaway PostgreSQL
# server that lives only as long as this script.
#
#   tests/run-tests.sh [BUILD_DIR]      (default: build)
#
# The PostgreSQL integration tests read BACKSTEP_TEST_PG; the server behind it
# is initialised in a fresh temporary directory and listens on 127.0.0.1 on a
# free port, so nothing else on the machine is touched. It trusts every
# connection, so no password is needed, except for one test role (see
# pg_hba.conf below). The exit status is ctest's.
set -euo pipefail

build_dir=${1:-build}
if [[ ! -f "$build_dir/CTestTestfile.cmake" ]]; then
    echo "run-tests: $build_dir is not a configured build directory (no CTestTestfile.cmake)" >&2
    exit 2
fi
build_dir=$(cd "$build_dir" && pwd)

# Debian installs server binaries per major version and puts only the client
# wrappers on PATH; take the newest installed major.
pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" || ! -x "$pg_bin/pg_ctl" ]]; then
    echo "run-tests: no PostgreSQL server found in /usr/lib/postgresql/*/bin (run packaging/install-deps.sh)" >&2
    exit 2
fi

# PostgreSQL refuses to run as root, so as root the server runs as the
# "postgres" user that the Debian package creates. The directory must then be
# reachable by that user, hence /tmp rather than a possibly private $TMPDIR.
# It stays short on purpose: the unix socket path inside it is limited to ~100
# bytes.
if ((EUID == 0)); then
    pg_dir=$(mktemp -d /tmp/backstep-pg.XXXXXX)
    chown postgres: "$pg_dir"
else
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/backstep-pg.XXXXXX")
fi
data_dir="$pg_dir/data"
log_file="$pg_dir/log"
server_started=0

# Runs a server binary as the user that owns the cluster. The subshell's cd
# matters: as "postgres" the caller's working directory (e.g. /root) may be
# unreadable, and initdb fails when it cannot resolve its own path.
as_pg() {
    if ((EUID == 0)); then
        (cd "$pg_dir" && runuser -u postgres -- "$@")
    else
        (cd "$pg_dir" && "$@")
    fi
}

# shellcheck disable=SC2317 # only reached through the trap below
cleanup() {
    if ((server_started)); then
        # fast: roll back open sessions of tests that are still around (Ctrl-C)
        as_pg "$pg_bin/pg_ctl" stop -D "$data_dir" -m fast -w >/dev/null 2>&1 ||
            as_pg "$pg_bin/pg_ctl" stop -D "$data_dir" -m immediate -w >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
}
trap cleanup EXIT
# Turn signals into a normal exit so that the EXIT trap stops the server.
trap 'exit 130' INT
trap 'exit 143' TERM

# --locale=C.UTF-8: always present in Debian 12's glibc, unlike the caller's
# $LANG, which may name a locale that was never generated; a missing locale
# makes initdb fail.
as_pg "$pg_bin/initdb" -D "$data_dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$pg_dir/initdb.log" 2>&1 || {
    echo "run-tests: initdb failed:" >&2
    cat "$pg_dir/initdb.log" >&2
    exit 2
}

# Every connection is trusted, except the one role that the integration tests
# (tst_cli_badinput) use to see a wrong password rejected; with "trust" for
# everyone, any password would be accepted. Overwriting the file's contents
# keeps its owner, so the server can still read it.
cat >"$data_dir/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER                    ADDRESS        METHOD
local   all       all                                    trust
host    all       backstep_password_test  127.0.0.1/32   scram-sha-256
host    all       backstep_password_test  ::1/128        scram-sha-256
host    all       all                     127.0.0.1/32   trust
host    all       all                     ::1/128        trust
EOF

# True when something already accepts connections on 127.0.0.1:$1. Uses bash's
# /dev/tcp so that no extra package (iproute2 for ss) is needed.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A random high port avoids a system cluster on 5432 and parallel runs of this
# script; between the check and the bind another process may still take the
# port, so a failed start on an "address in use" is retried on another port.
port=
for _attempt in 1 2 3 4 5; do
    candidate=$((20000 + RANDOM % 40000))
    port_in_use "$candidate" && continue
    # Each attempt gets a fresh log so that the checks below read only its own
    # lines; a start that timed out may still have left a server behind, which
    # cleanup then stops.
    rm -f "$log_file"
    server_started=1
    if as_pg "$pg_bin/pg_ctl" start -w -t 60 -D "$data_dir" -l "$log_file" \
        -o "-h 127.0.0.1 -p $candidate -k '$pg_dir' -c fsync=off" >/dev/null; then
        port=$candidate
        break
    fi
    grep -q 'could not bind\|Address already in use' "$log_file" 2>/dev/null || break
done
if [[ -z "$port" ]]; then
    echo "run-tests: PostgreSQL did not start; end of its log ($log_file):" >&2
    tail -n 30 "$log_file" >&2 2>/dev/null || echo "(no log written)" >&2
    exit 2
fi

export BACKSTEP_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
echo "run-tests: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at $BACKSTEP_TEST_PG"

rc=0
ctest --test-dir "$build_dir" --output-on-failure -j2 || rc=$?
exit "$rc"
