#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: trust authentication for the role
# `dialogue`, listening on 127.0.0.1:PORT and a socket in DIR, with fsync off (the data is
# thrown away).
#
#   scripts/postgres.sh start DIR PORT   # initdb (if DIR is empty) and start; prints the URL
#   scripts/postgres.sh stop DIR         # stop immediately; the caller removes DIR
#
# As root it runs the cluster as the `postgres` user that Debian's package creates, since
# PostgreSQL refuses to run as root.
set -euo pipefail

command="${1:?usage: postgres.sh start DIR PORT | stop DIR}"
directory="${2:?usage: postgres.sh start DIR PORT | stop DIR}"

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/pg_ctl" ] && bin="$candidate"
done
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "$command" in
start)
    port="${3:?usage: postgres.sh start DIR PORT}"
    mkdir -p "$directory"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$directory"; fi
    chmod 700 "$directory"
    if [ ! -f "$directory/PG_VERSION" ]; then
        "${as_owner[@]}" "$bin/initdb" -D "$directory" -U dialogue -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
            > "$directory.initdb.log" 2>&1 || { cat "$directory.initdb.log" >&2; exit 1; }
        rm -f "$directory.initdb.log"
    fi
    "${as_owner[@]}" "$bin/pg_ctl" -D "$directory" -l "$directory/server.log" -w -t 60 \
        -o "-p $port -k $directory -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
        start > /dev/null || { cat "$directory/server.log" >&2; exit 1; }
    echo "postgres://dialogue@127.0.0.1:$port/postgres"
    ;;
stop)
    if [ -f "$directory/postmaster.pid" ]; then
        "${as_owner[@]}" "$bin/pg_ctl" -D "$directory" -m immediate -w stop > /dev/null || true
    fi
    ;;
*)
    echo "usage: postgres.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
