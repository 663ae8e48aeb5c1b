// Attachments in SQL (tables attachments and attachment_contents, migration 0006): metadata rows
// apart from the bytes, which travel as sql::Blob (BLOB / bytea).
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kSelect =
    "SELECT id, case_id, event_seq, media_type, byte_size, sha256, width, height, name, created_by, created_at "
    "FROM attachments";

Attachment FromRow(const Row& row) {
  Attachment a;
  a.id = row.Int(0);
  a.case_id = row.OptInt(1);
  if (!row.IsNull(2)) a.event_seq = static_cast<int32_t>(row.Int(2));
  a.media_type = row.Text(3);
  a.byte_size = row.Int(4);
  a.sha256 = row.Text(5);
  a.width = static_cast<int32_t>(row.Int(6));
  a.height = static_cast<int32_t>(row.Int(7));
  a.name = row.Text(8);
  a.created_by = row.Int(9);
  a.created_at = row.Int(10);
  return a;
}

}  // namespace

Result<int64_t> SqlAttachmentRepository::Insert(const Attachment& a, std::string_view content) {
  std::optional<int64_t> seq;
  if (a.event_seq) seq = *a.event_seq;
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO attachments (case_id, event_seq, media_type, byte_size, sha256, "
                                       "width, height, name, created_by, created_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                       {sql::Nullable(a.case_id), sql::Nullable(seq), a.media_type, a.byte_size,
                                        a.sha256, int64_t{a.width}, int64_t{a.height}, a.name, a.created_by,
                                        a.created_at}));
  const int64_t id = rows.front().Int(0);
  RETURN_IF_ERROR(c_.Exec("INSERT INTO attachment_contents (attachment_id, content) VALUES (?, ?)",
                          {id, sql::Blob{std::string(content)}})
                      .status());
  return id;
}

Result<std::optional<Attachment>> SqlAttachmentRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<Attachment>();
  return std::optional<Attachment>(FromRow(rows.front()));
}

Result<std::optional<std::string>> SqlAttachmentRepository::Content(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT content FROM attachment_contents WHERE attachment_id = ?", {id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows.front().Text(0));
}

Status SqlAttachmentRepository::Attach(const std::vector<int64_t>& ids, int64_t user_id, int64_t case_id,
                                       std::optional<int32_t> event_seq) {
  std::optional<int64_t> seq;
  if (event_seq) seq = *event_seq;
  // Checked first, so that nothing changes when one of them may not be attached.
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT 1 FROM attachments WHERE id = ? AND case_id IS NULL AND created_by = ?",
                                         {id, user_id}));
    if (rows.empty()) {
      return Status(StatusCode::kNotFound, "no staged upload " + std::to_string(id) + " of yours", "attachment_ids");
    }
  }
  for (int64_t id : ids) {
    RETURN_IF_ERROR(c_.Exec("UPDATE attachments SET case_id = ?, event_seq = ? WHERE id = ?",
                            {case_id, sql::Nullable(seq), id})
                        .status());
  }
  return Status::Ok();
}

Result<std::vector<Attachment>> SqlAttachmentRepository::ForCase(int64_t case_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE case_id = ? ORDER BY created_at, id", {case_id}));
  std::vector<Attachment> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(FromRow(row));
  return out;
}

Result<int64_t> SqlAttachmentRepository::DeleteStaged(TimeMs before) {
  // The contents go by ON DELETE CASCADE; SQLite enforces it with foreign_keys on (every connection).
  return c_.Exec("DELETE FROM attachments WHERE case_id IS NULL AND created_at < ?", {before});
}

}  // namespace lz::storage::sqlrepo
