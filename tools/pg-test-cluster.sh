#!/bin/sh
# A throwaway PostgreSQL 15 cluster for the server tests: installs nothing.
#
#   tools/pg-test-cluster.sh start DIR   initdb into DIR, start on a free loopback port,
#                                        write the connection URL to DIR/url and print it
#   tools/pg-test-cluster.sh stop DIR    stop it and remove DIR
#
# Runs the server as user postgres when called as root (PostgreSQL refuses root),
# as the calling user otherwise. Exits 77 ("skip") when the binaries are missing.
# Trust authentication on 127.0.0.1 only; fsync stays on (the durability tests rely on it).
set -eu

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 64; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$command" in
start)
    if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
        echo "SKIP: PostgreSQL 15 binaries not found in $PG_BIN (Debian package postgresql-15)" >&2
        exit 77
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "SKIP: running as root and there is no postgres user to run the cluster as" >&2
        exit 77
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    # A free port: ask the kernel for one (a tiny race with other starters is acceptable here).
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=400 -c shared_buffers=64MB" start >/dev/null || {
        cat "$dir/server.log" >&2
        exit 1
    }
    url="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "$url" >"$dir/url"
    chmod a+r "$dir/url"
    echo "$url"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 64
    ;;
esac
