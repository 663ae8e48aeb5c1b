-- 0005 open311 (issue 6): the API keys of machine clients (domain/auth/api_key.h) and the Open311
-- side of each case filed through GeoReport v2 (storage::Open311Request).
--
-- api_keys holds only the SHA-256 of a key (key_hash, unique: a request is matched by it) and its
-- first characters (key_prefix) for lists. A revoked key keeps its row (revoked_at set), so the
-- cases it filed still name it; keys are never deleted. created_by names the user who issued it
-- without a foreign key, like created_by everywhere since 0001 (users are kept as they were).
--
-- open311_requests has one row per case filed through Open311, keyed by the case: the key that
-- filed it and the request's fields a case has no column for. Here case_id is INTEGER PRIMARY KEY
-- (the row id, as login_log.id), which the application assigns from the case; PostgreSQL
-- declares it BIGINT PRIMARY KEY. lat and lon are REAL (WGS 84 as the client sent them), NULL
-- when it sent none. Cases are never deleted, so nothing cascades.
--
-- Indexes: api_keys_unit for the foreign key to units (a unit's delete checks it);
-- open311_requests_key serves the per-key listing (GET requests.json only ever lists what the
-- presenting key filed) and the foreign key to api_keys. Times are BIGINT ms UTC, as in 0001-0004.

CREATE TABLE api_keys (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  key_prefix   TEXT NOT NULL,
  unit_id      BIGINT NOT NULL REFERENCES units(id),
  created_by   BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  revoked_at   BIGINT,
  last_used_at BIGINT
);
CREATE INDEX api_keys_unit ON api_keys(unit_id);

CREATE TABLE open311_requests (
  case_id    INTEGER PRIMARY KEY REFERENCES cases(id),
  api_key_id BIGINT NOT NULL REFERENCES api_keys(id),
  lat        REAL,
  lon        REAL,
  address_id TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  device_id  TEXT NOT NULL DEFAULT '',
  account_id TEXT NOT NULL DEFAULT '',
  media_url  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX open311_requests_key ON open311_requests(api_key_id, case_id);
