-- 0009 enterprise visits (issue 6, points 1 and 4): the visits (走访) commissioners, liaison
-- officers, supervisors and monitoring-point contacts pay to enterprises, and which cases were
-- raised at each (domain/casework/field_service.h). Who serves an enterprise is a position
-- (0001: kind commissioner or monitoring_point with an enterprise context; liaison_officer and
-- supervisor); the problems are cases on the commissioner and liaison channels (0004), whose
-- enterprise categories (05 企业服务, 06 营商环境) every database has had since 0004's catalogue.
--
-- enterprise_visits: visited_on is the local date as text 'YYYY-MM-DD' (sorts and compares as a
-- date on both engines, as meetings.scheduled_on). role is the FieldRoleName wire name (a CHECK
-- list: the four offices that visit). policies holds the names of the policies explained, one a
-- line (a name has no line break). funds_paid is whole yuan, 0 … 100 billion (the service's
-- bound; the CHECK keeps the table's sums inside int64). The indexes serve an enterprise's
-- record (enterprise_id, visited_on), the figures of a period (visited_on) and a visitor's own
-- list (visitor_user_id). Visits are never updated or deleted.
--
-- enterprise_visit_problems: a case raised at a visit; a case is raised at one visit at most
-- (case_id UNIQUE, which also serves "the visit of this case" and the foreign key); position is
-- the order in which the visit listed them. Times are BIGINT ms UTC, as everywhere.

CREATE TABLE enterprise_visits (
  id              INTEGER PRIMARY KEY,
  enterprise_id   BIGINT NOT NULL REFERENCES enterprises(id),
  visited_on      TEXT NOT NULL,
  visitor_user_id BIGINT NOT NULL REFERENCES users(id),
  role            TEXT NOT NULL CHECK (role IN ('commissioner', 'liaison_officer', 'supervisor', 'monitoring_point')),
  summary         TEXT NOT NULL,
  policies        TEXT NOT NULL DEFAULT '',
  help_given      TEXT NOT NULL DEFAULT '',
  funds_paid      BIGINT NOT NULL DEFAULT 0 CHECK (funds_paid >= 0 AND funds_paid <= 100000000000),
  created_at      BIGINT NOT NULL
);
CREATE INDEX enterprise_visits_enterprise ON enterprise_visits(enterprise_id, visited_on);
CREATE INDEX enterprise_visits_date ON enterprise_visits(visited_on);
CREATE INDEX enterprise_visits_visitor ON enterprise_visits(visitor_user_id);

CREATE TABLE enterprise_visit_problems (
  visit_id BIGINT NOT NULL REFERENCES enterprise_visits(id),
  case_id  BIGINT NOT NULL UNIQUE REFERENCES cases(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (visit_id, case_id)
);
