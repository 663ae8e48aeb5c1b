-- 0004 casework (issue 5): the catalogue (channels, coded categories with their time limits and
-- escalation ladder, the routing table), cases (the facts a channel records plus the projection of
-- their events, one column per derived field of casework::Case), the co-handling units of a case,
-- every unit a case ever involved (data scopes), the append-only case events, the case-number
-- sequences and the in-app notifications.
--
-- Enums are stored by their wire names (CaseStateName, EventTypeName, ...). They carry no CHECK
-- lists: adding an event type or state later must not force a rebuild of the two biggest tables
-- (SQLite cannot alter a CHECK in place); the repository refuses names it does not know on read.
-- Booleans are INTEGER 0/1 and times BIGINT ms UTC, as in 0001-0003.
--
-- Sizing: written for ten million cases and their events. Every list filter of CaseQuery has an
-- index on the bare column; prefix filters (region, category) are index ranges (col >= ? AND
-- col < ?), never LIKE or a function of the column. Columns that are NULL for most cases carry
-- partial indexes (WHERE col IS NOT NULL). Every foreign key from cases and the tables beside it
-- to a table whose rows can be deleted has an index on the referencing side, so that the delete's
-- check does not scan the cases.
--
-- cases.merged_into has no foreign key on purpose: storage/copy.cc holds a self-referencing
-- table in memory to order it parents first, which is fine for the categories but not for
-- millions of cases. Cases are never deleted, a merge names a case the service loaded, and the
-- rebuild-and-compare check reads the same id from the merge event.

CREATE TABLE case_channels (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  on_the_spot INTEGER NOT NULL DEFAULT 0 CHECK (on_the_spot IN (0, 1)),
  callback    INTEGER NOT NULL DEFAULT 1 CHECK (callback IN (0, 1)),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE case_categories (
  id                   INTEGER PRIMARY KEY,
  code                 TEXT NOT NULL UNIQUE,
  name                 TEXT NOT NULL,
  parent_id            BIGINT REFERENCES case_categories(id),
  sign_days            INTEGER NOT NULL,
  handle_days          INTEGER NOT NULL,
  max_extension_days   INTEGER NOT NULL,
  warn_before_days     INTEGER NOT NULL,
  supervise_after_days INTEGER NOT NULL,
  circulate_after_days INTEGER NOT NULL,
  escalate_after_days  INTEGER NOT NULL,
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_categories_parent ON case_categories(parent_id);

-- Category x region -> unit. region_code '' means everywhere, so it is no foreign key.
CREATE TABLE case_routes (
  id          INTEGER PRIMARY KEY,
  category_id BIGINT NOT NULL REFERENCES case_categories(id) ON DELETE CASCADE,
  region_code TEXT NOT NULL DEFAULT '',
  unit_id     BIGINT NOT NULL REFERENCES units(id),
  UNIQUE (category_id, region_code)
);
CREATE INDEX case_routes_unit ON case_routes(unit_id);

-- The last sequence number handed out per case-number prefix ("360802-20261129").
CREATE TABLE case_number_seq (
  prefix   TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
);

CREATE TABLE cases (
  id                       INTEGER PRIMARY KEY,
  number                   TEXT NOT NULL UNIQUE,
  -- The facts (casework::CaseFacts), fixed once the case is created.
  channel                  TEXT NOT NULL REFERENCES case_channels(code),
  category_code            TEXT NOT NULL REFERENCES case_categories(code),
  title                    TEXT NOT NULL,
  text                     TEXT NOT NULL,
  region_code              TEXT NOT NULL REFERENCES regions(code),
  address                  TEXT NOT NULL DEFAULT '',
  reporter_name            TEXT NOT NULL DEFAULT '',
  reporter_phone           TEXT NOT NULL DEFAULT '',
  reporter_user_id         BIGINT REFERENCES users(id),
  subject_kind             TEXT NOT NULL,
  enterprise_id            BIGINT REFERENCES enterprises(id),
  subject_name             TEXT NOT NULL DEFAULT '',
  chain_id                 BIGINT REFERENCES chains(id),
  -- The projection: the fold of the case's events (casework::Apply).
  state                    TEXT NOT NULL,
  version                  INTEGER NOT NULL,
  created_at               BIGINT NOT NULL,
  updated_at               BIGINT NOT NULL,
  accepted_at              BIGINT,
  lead_unit_id             BIGINT REFERENCES units(id),
  handler_user_id          BIGINT REFERENCES users(id),
  dispatched_at            BIGINT,
  sign_due_at              BIGINT,
  signed_at                BIGINT,
  due_at                   BIGINT,
  suspended_since          BIGINT,
  suspended_ms             BIGINT NOT NULL DEFAULT 0,
  extension_requested_days INTEGER,
  extension_days           INTEGER NOT NULL DEFAULT 0,
  replied_at               BIGINT,
  outcome                  TEXT,
  closed_at                BIGINT,
  rating                   INTEGER,
  on_the_spot              INTEGER NOT NULL DEFAULT 0 CHECK (on_the_spot IN (0, 1)),
  signed_on_time           INTEGER NOT NULL DEFAULT 0 CHECK (signed_on_time IN (0, 1)),
  return_count             INTEGER NOT NULL DEFAULT 0,
  reopen_count             INTEGER NOT NULL DEFAULT 0,
  arbitrated               INTEGER NOT NULL DEFAULT 0 CHECK (arbitrated IN (0, 1)),
  escalation               TEXT NOT NULL DEFAULT 'none',
  merged_into              BIGINT
);
CREATE INDEX cases_lead_state ON cases(lead_unit_id, state);
CREATE INDEX cases_state_due ON cases(state, due_at);
CREATE INDEX cases_accepted ON cases(accepted_at);
CREATE INDEX cases_created ON cases(created_at, id);
CREATE INDEX cases_region ON cases(region_code);
CREATE INDEX cases_category ON cases(category_code);
CREATE INDEX cases_handler ON cases(handler_user_id, state) WHERE handler_user_id IS NOT NULL;
CREATE INDEX cases_enterprise ON cases(enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX cases_chain ON cases(chain_id) WHERE chain_id IS NOT NULL;
CREATE INDEX cases_reporter ON cases(reporter_user_id) WHERE reporter_user_id IS NOT NULL;
-- The overdue filter (CaseQuery::due_before), in due order. The repository repeats this WHERE
-- text exactly (case_repository.cc kRunning) so that both engines can prove the index applies.
-- The escalation timer's work list reads cases_state_due one open state at a time instead.
CREATE INDEX cases_running ON cases(due_at, id)
  WHERE state IN ('dispatched', 'handling', 'returned', 'arbitration') AND suspended_since IS NULL
    AND due_at IS NOT NULL;

-- The co-handling units of the current assignment, in the order the dispatcher named them.
CREATE TABLE case_co_units (
  case_id  BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  unit_id  BIGINT NOT NULL REFERENCES units(id),
  position INTEGER NOT NULL,
  state    TEXT NOT NULL,
  PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_co_units_unit ON case_co_units(unit_id);

-- Every unit a case ever involved (intake, each lead and co-unit), never removed: the data scope
-- of a case.
CREATE TABLE case_units (
  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_units_unit ON case_units(unit_id, case_id);

-- Append-only history. Who acted and which units an event names are recorded as they were, so
-- they carry no foreign keys. co_unit_ids is a JSON array of ids ("[12,15]").
CREATE TABLE case_events (
  id              INTEGER PRIMARY KEY,
  case_id         BIGINT NOT NULL REFERENCES cases(id),
  seq             INTEGER NOT NULL CHECK (seq >= 1),
  type            TEXT NOT NULL,
  actor_user_id   BIGINT NOT NULL,
  actor_unit_id   BIGINT,
  at              BIGINT NOT NULL,
  from_state      TEXT NOT NULL,
  to_state        TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  unit_id         BIGINT,
  co_unit_ids     TEXT NOT NULL DEFAULT '[]',
  handler_user_id BIGINT,
  sign_due_at     BIGINT,
  due_at          BIGINT,
  days            INTEGER,
  outcome         TEXT,
  rating          INTEGER,
  related_case_id BIGINT,
  escalation      TEXT,
  UNIQUE (case_id, seq)
);
-- Who filed each case (its create event): the data scope "self".
CREATE INDEX case_events_filer ON case_events(actor_user_id) WHERE seq = 1;

CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  case_id    BIGINT REFERENCES cases(id),
  link       TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at    BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
-- Unread ones only: most notifications are read, and the badge counts only these.
CREATE INDEX notifications_unread ON notifications(user_id, id) WHERE read_at IS NULL;

-- Statutory schedules an administrator loaded (one iCalendar file per year, after the schedules
-- built into the binary); every server merges them at start and when the change feed says so.
CREATE TABLE calendar_files (
  year       INTEGER PRIMARY KEY,
  file_name  TEXT NOT NULL,
  content    TEXT NOT NULL,
  loaded_by  BIGINT NOT NULL,
  loaded_at  BIGINT NOT NULL
);
