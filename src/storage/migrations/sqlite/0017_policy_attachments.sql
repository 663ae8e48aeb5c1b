-- 0017 policy attachments (政策附件, issue 7 point 3): the files of a policy document — the signed
-- PDF, the Word original, its annex tables — stored like a case's photos (0006: a metadata row in
-- attachments, the bytes in attachment_contents). An upload belongs to a case or to a policy, or
-- to neither while it is staged; staged means both unset. The policy service attaches staged
-- uploads in the policy's write transaction and deletes the ones a policy no longer lists (and
-- all of them with the policy), so the foreign key never blocks a policy's deletion.

ALTER TABLE attachments ADD COLUMN policy_id BIGINT REFERENCES policies(id);
CREATE INDEX attachments_policy ON attachments(policy_id) WHERE policy_id IS NOT NULL;
