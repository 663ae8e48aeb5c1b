-- 0006 attachments (issue 6): photos of patrol findings and wish deliveries, and whatever else a
-- case is documented with (storage::Attachment). The bytes have been cleaned (io/image.h) before
-- they arrive. An upload is staged (case_id NULL) until the write that uses it attaches it to a
-- case in its own transaction; the janitor deletes staged rows older than a day.
--
-- The bytes live in attachment_contents, one row per attachment, so listing a case's attachments
-- never reads them; the rows are copied and backed up with the rest (BLOB, so storage/copy.cc
-- carries them as bytes). created_by has no foreign key, like created_by since 0001.
--
-- Indexes: attachments_case serves a case's list (partial: staged rows have no case);
-- attachments_staged the janitor's sweep (partial: only staged rows). Cases are never deleted;
-- an attachment's content goes with it (ON DELETE CASCADE) when a staged upload is swept.

CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY,
  case_id    BIGINT REFERENCES cases(id),
  event_seq  INTEGER,
  media_type TEXT NOT NULL,
  byte_size  BIGINT NOT NULL,
  sha256     TEXT NOT NULL,
  width      INTEGER NOT NULL DEFAULT 0,
  height     INTEGER NOT NULL DEFAULT 0,
  name       TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id) WHERE case_id IS NOT NULL;
CREATE INDEX attachments_staged ON attachments(created_at) WHERE case_id IS NULL;

CREATE TABLE attachment_contents (
  attachment_id BIGINT PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
  content       BLOB NOT NULL
);
