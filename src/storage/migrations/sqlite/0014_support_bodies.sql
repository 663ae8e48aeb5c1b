-- 0014 the bodies that support a chain and open challenges (issue 7 point 5;
-- domain/chain/advisory.h). support_bodies: advisory committees, industry alliances, research
-- institutes and testing centres, each optionally serving one chain, with their members in order
-- (support_body_members; title is the MemberTitleName wire name, academicians counted by it).
-- challenges (揭榜挂帅): a technical need posted for an enterprise of the registry with a reward
-- (whole yuan, 0 … 100 billion), applications taken until apply_by (a local date 'YYYY-MM-DD'),
-- one application awarded (awarded_application_id, set with awarded_on) and its milestones
-- (challenge_milestones, in date order, done_on set when reported). state is the
-- ChallengeStateName wire name. Bodies may be deleted (with their members); challenges are never
-- deleted (cancelled instead). Times are BIGINT ms UTC.

CREATE TABLE support_bodies (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('advisory_committee', 'industry_alliance', 'research_institute', 'testing_centre')),
  name        TEXT NOT NULL UNIQUE,
  chain_id    BIGINT REFERENCES chains(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  description TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX support_bodies_chain ON support_bodies(chain_id);
CREATE INDEX support_bodies_region ON support_bodies(region_code);

CREATE TABLE support_body_members (
  body_id     BIGINT NOT NULL REFERENCES support_bodies(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  title       TEXT NOT NULL CHECK (title IN ('academician', 'expert', 'entrepreneur', 'official')),
  affiliation TEXT NOT NULL DEFAULT '',
  role        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (body_id, position)
);

CREATE TABLE challenges (
  id                     INTEGER PRIMARY KEY,
  enterprise_id          BIGINT NOT NULL REFERENCES enterprises(id),
  chain_id               BIGINT REFERENCES chains(id),
  segment_id             BIGINT REFERENCES segments(id),
  title                  TEXT NOT NULL,
  need                   TEXT NOT NULL,
  reward_yuan            BIGINT NOT NULL CHECK (reward_yuan >= 0 AND reward_yuan <= 100000000000),
  apply_by               TEXT NOT NULL,
  state                  TEXT NOT NULL CHECK (state IN ('open', 'awarded', 'completed', 'cancelled')),
  awarded_application_id BIGINT,
  awarded_on             TEXT,
  closing_note           TEXT NOT NULL DEFAULT '',
  created_at             BIGINT NOT NULL,
  updated_at             BIGINT NOT NULL
);
CREATE INDEX challenges_chain ON challenges(chain_id, state);
CREATE INDEX challenges_enterprise ON challenges(enterprise_id);

CREATE TABLE challenge_applications (
  id            INTEGER PRIMARY KEY,
  challenge_id  BIGINT NOT NULL REFERENCES challenges(id),
  team          TEXT NOT NULL,
  leader        TEXT NOT NULL,
  affiliation   TEXT NOT NULL DEFAULT '',
  proposal      TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  submitted_at  BIGINT NOT NULL
);
CREATE INDEX challenge_applications_challenge ON challenge_applications(challenge_id);

CREATE TABLE challenge_milestones (
  challenge_id BIGINT NOT NULL REFERENCES challenges(id),
  position     INTEGER NOT NULL,
  title        TEXT NOT NULL,
  due_on       TEXT NOT NULL,
  done_on      TEXT,
  PRIMARY KEY (challenge_id, position)
);
