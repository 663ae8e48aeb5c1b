-- 0007 building meetings (issue 6, point 5): a community's standing arrangement for its monthly
-- 楼栋会 (meeting_schedules), the meetings (meetings), who attended each (meeting_attendees) and
-- the cases on each meeting's agenda (meeting_items). The agenda items themselves are cases on
-- the building_meeting channel (0004); these tables only say which meeting raised or carried
-- them (domain/casework/meeting.h).
--
-- meeting_schedules has one row per community (a units row of kind community_committee), keyed
-- by the unit: here community_unit_id is INTEGER PRIMARY KEY (the row id, as open311_requests),
-- which the application assigns from the unit; PostgreSQL declares it BIGINT PRIMARY KEY. A
-- community without a row meets on the 10th (the service's default). buildings and residents
-- are the figures the meeting covers (0 when unknown).
--
-- meetings: one per community and date (UNIQUE, which also serves the per-community list by
-- date and the foreign key to units). scheduled_on is the local date as text 'YYYY-MM-DD', so
-- that it sorts and compares as a date on both engines. state is 'scheduled' or 'held' (a CHECK
-- list: the table is small and its states are the meeting's whole lifecycle); held_at is set
-- once held. created_by names the user without a foreign key, as everywhere since 0001.
--
-- meeting_attendees: the people of a meeting in the order given (UNIQUE (meeting_id,
-- position), which serves the foreign key); a meeting's list is replaced as a whole when it is
-- held. role is the AttendeeRoleName wire name; user_id names an account without a foreign key
-- (like created_by).
--
-- meeting_items: a case on a meeting's agenda; (meeting_id, case_id) is the key, position the
-- order within the meeting (UNIQUE). raised is 1 for the meeting that raised the case, 0 for
-- later meetings that carried it while it was open. meeting_items_case serves "which meetings
-- had this case" and the foreign key to cases. Cases and meetings are never deleted.
--
-- The building_meeting channel now waits for a callback: the residents' representatives' sign-
-- off closes an item (decision 0012). New databases get it from data/casework/channels.csv;
-- existing ones here. Booleans are INTEGER 0/1 and times BIGINT ms UTC, as in 0001-0005.

CREATE TABLE meeting_schedules (
  community_unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  day_of_month      INTEGER NOT NULL DEFAULT 10 CHECK (day_of_month BETWEEN 1 AND 31),
  place             TEXT NOT NULL DEFAULT '',
  buildings         INTEGER NOT NULL DEFAULT 0 CHECK (buildings >= 0),
  residents         INTEGER NOT NULL DEFAULT 0 CHECK (residents >= 0),
  updated_at        BIGINT NOT NULL
);

CREATE TABLE meetings (
  id                INTEGER PRIMARY KEY,
  community_unit_id BIGINT NOT NULL REFERENCES units(id),
  scheduled_on      TEXT NOT NULL,
  place             TEXT NOT NULL DEFAULT '',
  state             TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'held')),
  held_at           BIGINT,
  minutes           TEXT NOT NULL DEFAULT '',
  minutes_at        BIGINT,
  created_by        BIGINT NOT NULL,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL,
  UNIQUE (community_unit_id, scheduled_on)
);

CREATE TABLE meeting_attendees (
  id          INTEGER PRIMARY KEY,
  meeting_id  BIGINT NOT NULL REFERENCES meetings(id),
  position    INTEGER NOT NULL,
  role        TEXT NOT NULL,
  name        TEXT NOT NULL,
  affiliation TEXT NOT NULL DEFAULT '',
  user_id     BIGINT,
  UNIQUE (meeting_id, position)
);

CREATE TABLE meeting_items (
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  case_id    BIGINT NOT NULL REFERENCES cases(id),
  position   INTEGER NOT NULL,
  raised     INTEGER NOT NULL DEFAULT 1 CHECK (raised IN (0, 1)),
  added_at   BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, case_id),
  UNIQUE (meeting_id, position)
);
CREATE INDEX meeting_items_case ON meeting_items(case_id);

UPDATE case_channels SET callback = 1 WHERE code = 'building_meeting';
