-- 0010 workers recruited at a visit (issue 6 point 1): beside the policy funds paid out, a visit
-- records how many workers were recruited with the program's help (招工, e.g. 吉安's 700). Whole
-- workers, 0 … 1,000,000 (the service's bound, domain/casework/field_service.h); existing visits
-- recorded none.
ALTER TABLE enterprise_visits ADD COLUMN workers_recruited BIGINT NOT NULL DEFAULT 0
  CHECK (workers_recruited >= 0 AND workers_recruited <= 1000000);
