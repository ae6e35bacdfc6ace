#!/bin/sh
# Creates and migrates Temporal's PostgreSQL schemas (run by docker-compose on every start,
# idempotent). Only "already exists" is tolerated; any other failure stops the stack.
set -eu
schema=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" \
    --pw "$POSTGRES_PWD" "$@"
}

# Runs a step that fails harmlessly when what it creates is already there.
unless_exists() {
  if output=$("$@" 2>&1); then
    return 0
  fi
  case "$output" in
    *"already exists"*) echo "already there: $*" ;;
    *) echo "$output" >&2; return 1 ;;
  esac
}

for db in temporal temporal_visibility; do
  unless_exists sql_tool --db "$db" create
done
unless_exists sql_tool --db temporal setup-schema -v 0.0
sql_tool --db temporal update-schema -d "$schema/temporal/versioned"
unless_exists sql_tool --db temporal_visibility setup-schema -v 0.0
sql_tool --db temporal_visibility update-schema -d "$schema/visibility/versioned"
echo "Temporal schemas ready"
