#!/usr/bin/env bash
# bench/setup.sh — prepares the machine for the benchmarks; `bench/run.sh`
# runs it first.
#
# 1. Installs libpq-dev (Diesel's PostgreSQL backend links libpq) when it is
#    missing, with apt-get. If it cannot be installed, the benchmarks still
#    run, with Diesel measured on SQLite only (run.sh checks for libpq).
# 2. Starts the local PostgreSQL (127.0.0.1:5432, user postgres, Unix socket
#    in /var/run/postgresql) and MariaDB (127.0.0.1:3306, user root) when they
#    are down, and waits until they accept connections. The benchmark creates
#    its own database, `entkit_bench`, on both.
# 3. Installs GNU time (/usr/bin/time) when it is missing: section C reads
#    the compiler's peak memory with it.
set -euo pipefail

have_libpq() {
    pkg-config --exists libpq 2>/dev/null || [[ -e /usr/include/postgresql/libpq-fe.h ]]
}

if have_libpq; then
    echo "libpq-dev: installed"
else
    echo "libpq-dev: installing"
    SUDO=""
    if [[ $(id -u) != 0 ]]; then SUDO="sudo"; fi
    if ! { $SUDO apt-get install -y libpq-dev || { $SUDO apt-get update && $SUDO apt-get install -y libpq-dev; }; }; then
        echo "warning: libpq-dev could not be installed; Diesel will be measured on SQLite only" >&2
    fi
fi

if [[ -x /usr/bin/time ]]; then
    echo "GNU time: installed"
else
    echo "GNU time: installing"
    SUDO=""
    if [[ $(id -u) != 0 ]]; then SUDO="sudo"; fi
    $SUDO apt-get install -y time || { $SUDO apt-get update && $SUDO apt-get install -y time; }
fi

wait_for() {
    local name=$1
    shift
    for _ in $(seq 1 60); do
        if "$@" >/dev/null 2>&1; then
            echo "$name: accepting connections"
            return 0
        fi
        sleep 1
    done
    echo "error: $name did not accept connections within 60 s" >&2
    exit 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    echo "PostgreSQL: starting"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start \
        || echo "pg_ctlcluster start failed; waiting for PostgreSQL anyway"
fi
wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432
wait_for "PostgreSQL socket" pg_isready -h /var/run/postgresql

if ! mysqladmin -h127.0.0.1 -uroot status >/dev/null 2>&1; then
    echo "MariaDB: starting"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
wait_for MariaDB mysqladmin -h127.0.0.1 -uroot status
