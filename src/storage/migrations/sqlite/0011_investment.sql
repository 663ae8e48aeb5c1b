-- 0011 investment pipeline (招商项目 and 推介会, issue 7 points 1–2; domain/investment).
--
-- promotion_events: a promotion held on a local date (held_on, text 'YYYY-MM-DD', sorts and
-- compares as a date on both engines) in a city, for a chain or none (chain_id NULL), with the
-- number of firms invited. The organising units (at least one, checked by the service) are rows of
-- promotion_event_units in their order (position); the invited firms known by name are rows of
-- promotion_event_firms in their order. Deleting an event deletes those rows (ON DELETE CASCADE)
-- but is refused while projects link to it (the service checks; the foreign key backs it).
--
-- investment_projects: the investor is an enterprise of the registry (0003), the segment one of
-- the chain's (the service checks); purpose and stage are the domain's wire names. Amounts are
-- BIGINT yuan within 0..10^15 (CHECKs back the domain's rule; paid in above agreed is allowed
-- when confirmed, so no CHECK compares them). stage_on is the date of the last move, signed_on the
-- date the project reached 签约 ('' below it). unit_id is the responsible unit: data scopes apply
-- to it and to created_by. project_stage_changes is the append-only history of every move (from
-- NULL on the row that created the project), never updated or deleted.
-- Indexes serve the board (stage), the per-chain and per-event lists and figures, and the
-- foreign keys.

CREATE TABLE promotion_events (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  held_on       TEXT NOT NULL,
  city          TEXT NOT NULL,
  chain_id      BIGINT REFERENCES chains(id),
  invited_count BIGINT NOT NULL DEFAULT 0 CHECK (invited_count >= 0),
  note          TEXT NOT NULL DEFAULT '',
  created_by    BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX promotion_events_held ON promotion_events(held_on, id);
CREATE INDEX promotion_events_chain ON promotion_events(chain_id, held_on);

CREATE TABLE promotion_event_units (
  event_id BIGINT NOT NULL REFERENCES promotion_events(id) ON DELETE CASCADE,
  unit_id  BIGINT NOT NULL REFERENCES units(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (event_id, unit_id)
);
CREATE INDEX promotion_event_units_unit ON promotion_event_units(unit_id);

CREATE TABLE promotion_event_firms (
  event_id BIGINT NOT NULL REFERENCES promotion_events(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (event_id, position)
);

CREATE TABLE investment_projects (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  investor_id    BIGINT NOT NULL REFERENCES enterprises(id),
  chain_id       BIGINT NOT NULL REFERENCES chains(id),
  segment_id     BIGINT NOT NULL REFERENCES segments(id),
  purpose        TEXT NOT NULL CHECK (purpose IN ('chain_fill', 'chain_extend', 'chain_strengthen')),
  agreed_amount  BIGINT NOT NULL CHECK (agreed_amount BETWEEN 0 AND 1000000000000000),
  paid_in_amount BIGINT NOT NULL CHECK (paid_in_amount BETWEEN 0 AND 1000000000000000),
  stage          TEXT NOT NULL CHECK (stage IN ('lead', 'negotiating', 'signed', 'started', 'funded', 'producing')),
  stage_on       TEXT NOT NULL,
  signed_on      TEXT NOT NULL DEFAULT '',
  event_id       BIGINT REFERENCES promotion_events(id),
  unit_id        BIGINT NOT NULL REFERENCES units(id),
  contact        TEXT NOT NULL DEFAULT '',
  note           TEXT NOT NULL DEFAULT '',
  created_by     BIGINT NOT NULL,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE INDEX investment_projects_stage ON investment_projects(stage, id);
CREATE INDEX investment_projects_chain ON investment_projects(chain_id, stage);
CREATE INDEX investment_projects_event ON investment_projects(event_id);
CREATE INDEX investment_projects_investor ON investment_projects(investor_id);
CREATE INDEX investment_projects_segment ON investment_projects(segment_id);
CREATE INDEX investment_projects_unit ON investment_projects(unit_id);

CREATE TABLE project_stage_changes (
  id          INTEGER PRIMARY KEY,
  project_id  BIGINT NOT NULL REFERENCES investment_projects(id),
  from_stage  TEXT,
  to_stage    TEXT NOT NULL,
  moved_on    TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  moved_by    BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX project_stage_changes_project ON project_stage_changes(project_id, id);
