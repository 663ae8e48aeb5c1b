-- 0012 policies (issue 7 point 3): the "1 + 2 + N" policy set that backs the chains — policy
-- documents (domain/policy/policy.h), the chains each backs, the measures (措施) inside each with
-- their eligibility conditions, and the policy funds paid out to enterprises under a measure.
--
-- policies: doc_number (文号) is unique; issued_on is the local date as text 'YYYY-MM-DD' (sorts
-- and compares as a date on both engines, as meetings.scheduled_on); type is the PolicyTypeName
-- wire name; body is the full text (searched by the in-memory text index, services/policy_search).
-- policy_chains: the chains a policy backs (a chain's deletion removes the row).
-- policy_measures: position orders the measures of a policy. The conditions are columns of the
-- measure: the id and code lists (cond_chains, cond_segments, cond_regions) and the size names
-- (cond_sizes) are comma-separated text ('' = no restriction); the repository turns them into
-- bound parameters when it selects the enterprises a measure applies to. They are not foreign
-- keys: a segment deleted later stays named and selects nobody (decision 0019).
-- policy_grants: a payment to an enterprise under a measure, whole yuan 1 … 100 billion (the
-- CHECK keeps the sums inside int64); override_reason is set when the measure did not apply.
-- A policy or measure with grants is not deleted (the service refuses; the foreign keys agree).
-- Times are BIGINT ms UTC, as everywhere.

CREATE TABLE policies (
  id             INTEGER PRIMARY KEY,
  doc_number     TEXT NOT NULL UNIQUE,
  issuer_unit_id BIGINT NOT NULL REFERENCES units(id),
  issued_on      TEXT NOT NULL,
  type           TEXT NOT NULL CHECK (type IN ('overall_plan', 'mechanism', 'special')),
  title          TEXT NOT NULL,
  body           TEXT NOT NULL DEFAULT '',
  created_by     BIGINT NOT NULL,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE INDEX policies_issued ON policies(issued_on);
CREATE INDEX policies_issuer ON policies(issuer_unit_id);

CREATE TABLE policy_chains (
  policy_id BIGINT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
  chain_id  BIGINT NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  PRIMARY KEY (policy_id, chain_id)
);
CREATE INDEX policy_chains_chain ON policy_chains(chain_id);

CREATE TABLE policy_measures (
  id            INTEGER PRIMARY KEY,
  policy_id     BIGINT NOT NULL REFERENCES policies(id),
  position      INTEGER NOT NULL,
  title         TEXT NOT NULL,
  content       TEXT NOT NULL DEFAULT '',
  cond_chains   TEXT NOT NULL DEFAULT '',
  cond_segments TEXT NOT NULL DEFAULT '',
  cond_sizes    TEXT NOT NULL DEFAULT '',
  cond_regions  TEXT NOT NULL DEFAULT '',
  local_only    INTEGER NOT NULL DEFAULT 0,
  min_revenue   BIGINT NOT NULL DEFAULT 0 CHECK (min_revenue >= 0),
  min_employees BIGINT NOT NULL DEFAULT 0 CHECK (min_employees >= 0)
);
CREATE INDEX policy_measures_policy ON policy_measures(policy_id, position);

CREATE TABLE policy_grants (
  id              INTEGER PRIMARY KEY,
  policy_id       BIGINT NOT NULL REFERENCES policies(id),
  measure_id      BIGINT NOT NULL REFERENCES policy_measures(id),
  enterprise_id   BIGINT NOT NULL REFERENCES enterprises(id),
  amount          BIGINT NOT NULL CHECK (amount > 0 AND amount <= 100000000000),
  paid_on         TEXT NOT NULL,
  paid_by_unit_id BIGINT NOT NULL REFERENCES units(id),
  override_reason TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  created_by      BIGINT NOT NULL,
  created_at      BIGINT NOT NULL
);
CREATE INDEX policy_grants_policy ON policy_grants(policy_id, paid_on);
CREATE INDEX policy_grants_measure ON policy_grants(measure_id);
CREATE INDEX policy_grants_enterprise ON policy_grants(enterprise_id, paid_on);
