#!/usr/bin/env bash
# Runs once, when the postgres container initialises an EMPTY data volume
# (/docker-entrypoint-initdb.d). It does not run again on later starts: to change a password
# afterwards use ALTER ROLE ... PASSWORD by hand.
#
# One role and one database per service, each role owning its database (on PostgreSQL 15
# the owner of a database may create tables in its public schema):
#   case_api  - event store (eventsourcing creates its table) and read models (Alembic)
#   notifier  - the notifier's own tables (Alembic)
# Passwords come from the container environment (see docker-compose.yml) and reach SQL as
# psql variables (:'name' quotes them), never pasted into the SQL text.
set -euo pipefail

: "${DB_CASE_API_PASSWORD:?DB_CASE_API_PASSWORD is not set}"
: "${DB_NOTIFIER_PASSWORD:?DB_NOTIFIER_PASSWORD is not set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v case_api_password="$DB_CASE_API_PASSWORD" \
  -v notifier_password="$DB_NOTIFIER_PASSWORD" <<'SQL'
CREATE ROLE case_api LOGIN PASSWORD :'case_api_password';
CREATE DATABASE case_api OWNER case_api;
REVOKE ALL ON DATABASE case_api FROM PUBLIC;

CREATE ROLE notifier LOGIN PASSWORD :'notifier_password';
CREATE DATABASE notifier OWNER notifier;
REVOKE ALL ON DATABASE notifier FROM PUBLIC;
SQL
