-- 0003 industry chains: chains with their lead and responsible units, segments (a tree inside a
-- chain, with supply relations between segments), the enterprise registry keyed by the unified
-- social credit code, memberships of enterprises in segments, and supply links between
-- enterprises. Money is BIGINT yuan; booleans are INTEGER 0/1 on both dialects.

CREATE TABLE chains (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  description    TEXT NOT NULL DEFAULT '',
  region_code    TEXT NOT NULL REFERENCES regions(code),
  lead_unit_id   BIGINT REFERENCES units(id),
  target_revenue BIGINT NOT NULL DEFAULT 0,
  target_year    INTEGER NOT NULL DEFAULT 0,
  example        INTEGER NOT NULL DEFAULT 0,
  created_by     BIGINT NOT NULL,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);

CREATE TABLE chain_units (
  chain_id BIGINT NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  unit_id  BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (chain_id, unit_id)
);
CREATE INDEX chain_units_unit ON chain_units(unit_id);

CREATE TABLE segments (
  id            INTEGER PRIMARY KEY,
  chain_id      BIGINT NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  stage         TEXT NOT NULL CHECK (stage IN ('upstream','midstream','downstream')),
  parent_id     BIGINT REFERENCES segments(id),
  industry_code TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  sort_order    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (chain_id, name)
);
CREATE INDEX segments_parent ON segments(parent_id);

CREATE TABLE segment_links (
  from_segment_id BIGINT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  to_segment_id   BIGINT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  PRIMARY KEY (from_segment_id, to_segment_id),
  CHECK (from_segment_id <> to_segment_id)
);
CREATE INDEX segment_links_to ON segment_links(to_segment_id);

CREATE TABLE enterprises (
  id          INTEGER PRIMARY KEY,
  credit_code TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  is_local    INTEGER NOT NULL DEFAULT 0,
  size        TEXT NOT NULL CHECK (size IN ('micro','small','medium','large')),
  revenue     BIGINT NOT NULL DEFAULT 0,
  employees   BIGINT NOT NULL DEFAULT 0,
  founded     TEXT NOT NULL DEFAULT '',
  created_by  BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX enterprises_name_key ON enterprises(name_key);
CREATE INDEX enterprises_region ON enterprises(region_code);
CREATE INDEX enterprises_name ON enterprises(name);

CREATE TABLE memberships (
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  segment_id    BIGINT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  role          TEXT NOT NULL CHECK (role IN ('chain_master','key','member')),
  PRIMARY KEY (enterprise_id, segment_id)
);
CREATE INDEX memberships_segment ON memberships(segment_id);

CREATE TABLE supply_links (
  id          INTEGER PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  buyer_id    BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  volume      BIGINT NOT NULL DEFAULT 0 CHECK (volume >= 0),
  note        TEXT NOT NULL DEFAULT '',
  UNIQUE (supplier_id, buyer_id),
  CHECK (supplier_id <> buyer_id)
);
CREATE INDEX supply_links_buyer ON supply_links(buyer_id);
