-- pgbench script for make bench (the PostgreSQL write ceiling): one INSERT into bench_units, a copy
-- of units' shape (columns, indexes, foreign keys; see bench/run.sh), per transaction.
INSERT INTO bench_units (name, kind, region_code, parent_id, code, path, created_by, created_at, updated_at)
VALUES ('ceiling-' || :client_id || '-' || random(), 'department', '3608', NULL, NULL, '/', 1,
        (extract(epoch FROM clock_timestamp()) * 1000)::bigint, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
