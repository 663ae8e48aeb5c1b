-- 0013 work-plan tasks (工作要点, issue 7 point 4; domain/plan/work_task.h). A task is a case on the
-- work_plan channel (state, owner as lead unit, co-owners as co-units, deadline as the case's due
-- time, escalation ladder: all the casework engine's, 0004); work_tasks holds what the case does
-- not: the plan's year, the chain served, the deadline as the local date the owners were given,
-- the progress last reported; work_task_milestones the task's milestones in date order (position
-- 0 …), each marked done by the owner's progress report. deadline_on, due_on and done_on are local
-- dates 'YYYY-MM-DD' (as meetings.scheduled_on). Tasks are never deleted (their case is archived
-- or rejected instead).
--
-- The catalogue gains the channel and the category 13 工作督办 › 1301 产业链工作要点 (a ladder of
-- warning 5 working days before the deadline, 督办 3, 通报 10 and 提级 20 after it). A new
-- database loads them from data/casework with the rest of the catalogue, which it does only into
-- empty tables, so these INSERTs touch only a database whose catalogue is already loaded.

CREATE TABLE work_tasks (
  case_id     BIGINT PRIMARY KEY REFERENCES cases(id),
  year        INTEGER NOT NULL CHECK (year >= 2000 AND year <= 2099),
  chain_id    BIGINT REFERENCES chains(id),
  deadline_on TEXT NOT NULL,
  progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 100),
  created_at  BIGINT NOT NULL
);
CREATE INDEX work_tasks_year ON work_tasks(year, deadline_on);
CREATE INDEX work_tasks_chain ON work_tasks(chain_id);

CREATE TABLE work_task_milestones (
  case_id  BIGINT NOT NULL REFERENCES work_tasks(case_id),
  position INTEGER NOT NULL CHECK (position >= 0),
  title    TEXT NOT NULL,
  due_on   TEXT NOT NULL,
  done_on  TEXT,
  done_by  BIGINT REFERENCES users(id),
  PRIMARY KEY (case_id, position)
);

INSERT INTO case_channels (code, name, on_the_spot, callback)
  SELECT 'work_plan', '工作要点督办', 0, 1
  WHERE EXISTS (SELECT 1 FROM case_channels) AND NOT EXISTS (SELECT 1 FROM case_channels WHERE code = 'work_plan');
INSERT INTO case_categories (code, name, parent_id, sign_days, handle_days, max_extension_days, warn_before_days,
                             supervise_after_days, circulate_after_days, escalate_after_days, active, sort_order)
  SELECT '13', '工作督办', NULL, 1, 20, 20, 3, 3, 10, 20, 1, (SELECT MAX(sort_order) + 1 FROM case_categories)
  WHERE EXISTS (SELECT 1 FROM case_categories) AND NOT EXISTS (SELECT 1 FROM case_categories WHERE code = '13');
INSERT INTO case_categories (code, name, parent_id, sign_days, handle_days, max_extension_days, warn_before_days,
                             supervise_after_days, circulate_after_days, escalate_after_days, active, sort_order)
  SELECT '1301', '产业链工作要点', (SELECT id FROM case_categories WHERE code = '13'), 1, 20, 20, 5, 3, 10, 20, 1,
         (SELECT MAX(sort_order) + 1 FROM case_categories)
  WHERE EXISTS (SELECT 1 FROM case_categories WHERE code = '13')
    AND NOT EXISTS (SELECT 1 FROM case_categories WHERE code = '1301');
