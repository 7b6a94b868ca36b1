#!/usr/bin/env bash
# Starts a local PostgreSQL server for the sample's store tests and prints an Npgsql connection string
# to a throwaway database on it. Installs PostgreSQL from the distribution's packages (Debian/Ubuntu)
# when it is missing. Idempotent: a second run reuses the running server, role and database.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "installing PostgreSQL from the distribution's packages" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

if [ -z "$(pg_lsclusters -h)" ]; then
  as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -n1)" main >&2
fi

read -r version cluster port status _ <<<"$(pg_lsclusters -h | head -n1)"
if [ "$status" != online ]; then
  as_root pg_ctlcluster "$version" "$cluster" start >&2
fi

psql_admin() { as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtAc "$1"; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'shop_test'")" != 1 ]; then
  psql_admin "CREATE ROLE shop_test LOGIN PASSWORD 'shop_test'" >&2
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = 'shop_test'")" != 1 ]; then
  psql_admin "CREATE DATABASE shop_test OWNER shop_test" >&2
fi

echo "Host=127.0.0.1;Port=$port;Username=shop_test;Password=shop_test;Database=shop_test"
