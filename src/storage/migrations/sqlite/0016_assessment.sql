-- 0016 assessment schemes (考核方案, issue 7 point 7; domain/assess/assessment.h). A scheme weighs
-- the five indicators a unit is scored on for a month, in basis points (0–10000 each, 10000 in
-- all = 100 %; the service checks the sum, the CHECKs keep each weight in range). is_default marks
-- the scheme a ranking uses when it names none (at most one: the service clears the others in
-- the same transaction). No scheme is seeded: while none is stored the rankings use the built-in
-- weighting (30/25/15/15/15 %, assess::kBuiltinWeights). Rankings are computed when asked (from
-- the KPI aggregates, the work-plan tasks and the project stage history), never stored.
-- Times are BIGINT ms UTC.

CREATE TABLE assessment_schemes (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL UNIQUE,
  w_completion_on_time INTEGER NOT NULL CHECK (w_completion_on_time BETWEEN 0 AND 10000),
  w_satisfaction       INTEGER NOT NULL CHECK (w_satisfaction BETWEEN 0 AND 10000),
  w_reopen             INTEGER NOT NULL CHECK (w_reopen BETWEEN 0 AND 10000),
  w_tasks_on_time      INTEGER NOT NULL CHECK (w_tasks_on_time BETWEEN 0 AND 10000),
  w_projects_landed    INTEGER NOT NULL CHECK (w_projects_landed BETWEEN 0 AND 10000),
  is_default           INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_by           BIGINT NOT NULL,
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL
);

-- Moves to 投产 by date, for the projects landed in a month.
CREATE INDEX project_stage_changes_to ON project_stage_changes(to_stage, moved_on);
