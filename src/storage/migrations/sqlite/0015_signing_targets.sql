-- 0015 signing targets (签约目标) of the chains, for the leaders' cockpit (issue 7 point 6).
--
-- How much each chain is to sign in a year, in yuan (0 < amount ≤ 10^15, the projects' bound); a
-- chain without a row for a year has no target. Set and cleared by the cockpit's target editor;
-- deleting the chain deletes its targets.

CREATE TABLE chain_signing_targets (
  chain_id BIGINT NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  year     INTEGER NOT NULL CHECK (year >= 2000 AND year <= 2099),
  amount   BIGINT NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
  set_by   BIGINT NOT NULL,
  set_at   BIGINT NOT NULL,
  PRIMARY KEY (chain_id, year)
);

-- The cockpit's grouped reads of the pipeline, answered from indexes alone: projects per (chain,
-- stage) with their amounts, and the year's signings per (chain, month).
CREATE INDEX investment_projects_figures ON investment_projects(chain_id, stage, agreed_amount, paid_in_amount);
CREATE INDEX investment_projects_signed ON investment_projects(signed_on, chain_id, stage, agreed_amount);
