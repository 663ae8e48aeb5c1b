-- 0008 micro-wishes (微心愿, issue 6 point 3): the campaigns a unit such as 民政局 organises
-- (wish_campaigns) and the wish row beside each micro_wish case (wishes). The wish itself is a
-- case (0004): the station is its intake and lead unit, the claim a progress event, the delivery
-- its reply. These tables hold only what the case does not: the campaign, the item and its kind,
-- the child's age (the alias is the case's minimised subject name), the public story, and the
-- times of publication, claim and delivery with the donor (domain/casework/wish.h).
--
-- wish_campaigns: opens_on and deadline_on are local dates as text 'YYYY-MM-DD' (they sort and
-- compare as dates on both engines); closes_at is the instant the deadline date ends (BIGINT ms
-- UTC, written by the service from the domain), so that the figures' "delivered by the deadline"
-- is one comparison in SQL. created_by names the user without a foreign key, as since 0001.
--
-- wishes: keyed by the case (INTEGER PRIMARY KEY here, the row id, as open311_requests; the
-- application assigns it from the case). The claim is one conditional UPDATE (... WHERE
-- claimed_at IS NULL), so of two donors at once exactly one changes the row. donor_kind is the
-- DonorKindName wire name; claimed_by names the staff member who recorded a claim on a donor's
-- behalf (NULL for the public page). wishes_campaign and wishes_station serve the lists, the
-- figures and the foreign keys; rows are never deleted (cases are not).

CREATE TABLE wish_campaigns (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL,
  organiser_unit_id BIGINT NOT NULL REFERENCES units(id),
  region_code       TEXT NOT NULL,
  opens_on          TEXT NOT NULL,
  deadline_on       TEXT NOT NULL,
  closes_at         BIGINT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  created_by        BIGINT NOT NULL,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL,
  CHECK (opens_on <= deadline_on)
);
CREATE INDEX wish_campaigns_organiser ON wish_campaigns(organiser_unit_id);

CREATE TABLE wishes (
  case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
  campaign_id     BIGINT NOT NULL REFERENCES wish_campaigns(id),
  station_unit_id BIGINT NOT NULL REFERENCES units(id),
  item            TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('material', 'care')),
  child_age       INTEGER NOT NULL CHECK (child_age BETWEEN 0 AND 17),
  story           TEXT NOT NULL DEFAULT '',
  recorded_by     BIGINT NOT NULL,
  recorded_at     BIGINT NOT NULL,
  published_at    BIGINT,
  donor_kind      TEXT CHECK (donor_kind IN ('person', 'organisation')),
  donor_name      TEXT,
  donor_phone     TEXT,
  claimed_by      BIGINT,
  claimed_at      BIGINT,
  delivered_at    BIGINT
);
CREATE INDEX wishes_campaign ON wishes(campaign_id, case_id);
CREATE INDEX wishes_station ON wishes(station_unit_id, case_id);
