#!/bin/sh
# Creates the job store's user and database in the compose PostgreSQL when they are missing, and
# sets the user's password from CONVEYOR_DB_PASSWORD on every run, so that changing it in .env
# rotates it instead of locking the applications out. Idempotent: it runs on every
# `docker compose up`. The worker and the starter create and migrate the tables themselves (Flyway).
set -eu
export PGPASSWORD="$POSTGRES_PASSWORD"
psql -h postgresql -U "$POSTGRES_USER" -d postgres -v ON_ERROR_STOP=1 \
  -v user="$CONVEYOR_DB_USER" -v password="$CONVEYOR_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user')\gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'user', :'password')\gexec
SELECT format('CREATE DATABASE conveyor OWNER %I', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'conveyor')\gexec
SQL
echo "job store database 'conveyor' and user '$CONVEYOR_DB_USER' are ready (password set)"
