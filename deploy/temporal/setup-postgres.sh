#!/bin/sh
# Creates and migrates Temporal's PostgreSQL schemas (run once by docker-compose, idempotent).
set -eu
schema=/etc/temporal/schema/postgresql/v12
for db in temporal temporal_visibility; do
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" \
    --pw "$POSTGRES_PWD" --db "$db" create || true
done
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" \
  --pw "$POSTGRES_PWD" --db temporal setup-schema -v 0.0 || true
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" \
  --pw "$POSTGRES_PWD" --db temporal update-schema -d "$schema/temporal/versioned"
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" \
  --pw "$POSTGRES_PWD" --db temporal_visibility setup-schema -v 0.0 || true
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" \
  --pw "$POSTGRES_PWD" --db temporal_visibility update-schema -d "$schema/visibility/versioned"
echo "Temporal schemas ready"
