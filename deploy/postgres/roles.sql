-- deploy/postgres/roles.sql — the two database roles of a PostgreSQL deployment of lianzhang.
--
--   owner role (default lianzhang_owner): owns the schema and every table in it; the only role that
--              runs `lianzhang migrate`. Keep its credentials off the application servers.
--   app role   (default lianzhang_app): what `lianzhang serve --no-migrate` connects as. It can read
--              and write the ordinary tables, but cannot create, alter or drop anything, and on the
--              audit logs it can only append: INSERT and SELECT on login_log and operation_log (no
--              UPDATE, DELETE or TRUNCATE), SELECT and UPDATE (last_id, last_hash) on audit_heads,
--              SELECT only on schema_migrations.
--
-- Run it as a superuser, connected to the (empty) database lianzhang will use:
--
--   psql -X -d postgresql://postgres@db.example/lianzhang -f deploy/postgres/roles.sql \
--        [-v owner_role=lianzhang_owner] [-v app_role=lianzhang_app] [-v schema=lianzhang]
--
-- It is idempotent, and it must run twice at first installation: before the first
-- `lianzhang migrate` (it creates the roles, the schema and the default privileges the owner's
-- tables inherit) and again after it (it narrows the audit tables, which exist only then). Run it
-- again after every `lianzhang migrate` of an upgrade; that is harmless and re-applies the narrowing.
--
-- Tables added by later migrations get the ordinary grants (SELECT, INSERT, UPDATE, DELETE) through
-- ALTER DEFAULT PRIVILEGES. A new append-only ("audit-like") table does NOT get narrowed by itself:
-- add it to the list in the last part of this file, in the same change as its migration.
--
-- No passwords are set here, so no secret lives in the repository or in a shell history. Set them
-- afterwards from psql, which sends only a SCRAM verifier to the server:
--   \password lianzhang_owner
--   \password lianzhang_app
--
-- Both roles are created with PostgreSQL's defaults: NOSUPERUSER NOCREATEDB NOCREATEROLE
-- NOREPLICATION NOBYPASSRLS. Existing roles of the same names are reused as they are.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
\if :{?owner_role}
\else
  \set owner_role lianzhang_owner
\endif
\if :{?app_role}
\else
  \set app_role lianzhang_app
\endif
\if :{?schema}
\else
  \set schema lianzhang
\endif

BEGIN;

SELECT current_database() AS db_name \gset

-- The roles.
SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = :'owner_role') AS create_owner \gset
\if :create_owner
  CREATE ROLE :"owner_role" LOGIN;
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = :'app_role') AS create_app \gset
\if :create_app
  CREATE ROLE :"app_role" LOGIN;
\endif

-- The database: only these two roles, its owner and superusers may connect; no temporary tables.
REVOKE CONNECT, TEMPORARY ON DATABASE :"db_name" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db_name" TO :"owner_role", :"app_role";
-- PostgreSQL 15 already denies CREATE on public to PUBLIC; older servers (and derivatives) do not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- The schema: owned by the owner role, used (not created in) by the app role. Both roles find the
-- tables by their unqualified names through the search_path set for them in this database.
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"owner_role";
ALTER SCHEMA :"schema" OWNER TO :"owner_role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
GRANT USAGE ON SCHEMA :"schema" TO :"app_role";
ALTER ROLE :"owner_role" IN DATABASE :"db_name" SET search_path = :"schema";
ALTER ROLE :"app_role" IN DATABASE :"db_name" SET search_path = :"schema";

-- Ordinary tables and sequences: those the owner creates later (migrations) ...
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA :"schema"
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA :"schema"
  GRANT USAGE ON SEQUENCES TO :"app_role";
-- ... and those that exist already.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"schema" TO :"app_role";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA :"schema" TO :"app_role";

-- The narrowed tables, once `lianzhang migrate` has created them.
SELECT pg_catalog.to_regclass(pg_catalog.format('%I.schema_migrations', :'schema')) IS NOT NULL AS have_migrations \gset
\if :have_migrations
  -- The app role reads the schema version (serve --no-migrate checks it) and changes nothing.
  REVOKE ALL ON :"schema".schema_migrations FROM :"app_role";
  GRANT SELECT ON :"schema".schema_migrations TO :"app_role";
\endif
SELECT pg_catalog.to_regclass(pg_catalog.format('%I.operation_log', :'schema')) IS NOT NULL AS have_audit \gset
\if :have_audit
  -- Append-only hash-chained logs (src/storage/migrations/postgres/0001_foundation.sql).
  REVOKE ALL ON :"schema".login_log, :"schema".operation_log FROM :"app_role";
  GRANT SELECT, INSERT ON :"schema".login_log, :"schema".operation_log TO :"app_role";
  -- The chain heads: one row per log, moved forward with each append; never inserted or deleted.
  REVOKE ALL ON :"schema".audit_heads FROM :"app_role";
  GRANT SELECT ON :"schema".audit_heads TO :"app_role";
  GRANT UPDATE (last_id, last_hash) ON :"schema".audit_heads TO :"app_role";
  -- New append-only tables: REVOKE ALL, then GRANT SELECT, INSERT, here.
\endif

COMMIT;
