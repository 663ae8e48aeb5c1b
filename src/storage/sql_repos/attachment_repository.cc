// Attachments in SQL (tables attachments and attachment_contents, migrations 0006 and 0017): metadata
// rows apart from the bytes, which travel as sql::Blob (BLOB / bytea). Staged: neither case_id nor
// policy_id set.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kSelect =
    "SELECT id, case_id, event_seq, media_type, byte_size, sha256, width, height, name, created_by, created_at, "
    "policy_id FROM attachments";

constexpr const char* kStagedBy = "id = ? AND case_id IS NULL AND policy_id IS NULL AND created_by = ?";

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
  a.policy_id = row.OptInt(11);
  return a;
}

}  // namespace

Result<int64_t> SqlAttachmentRepository::Insert(const Attachment& a, std::string_view content) {
  std::optional<int64_t> seq;
  if (a.event_seq) seq = *a.event_seq;
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO attachments (case_id, event_seq, media_type, byte_size, sha256, "
                                       "width, height, name, created_by, created_at, policy_id) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                       {sql::Nullable(a.case_id), sql::Nullable(seq), a.media_type, a.byte_size,
                                        a.sha256, int64_t{a.width}, int64_t{a.height}, a.name, a.created_by,
                                        a.created_at, sql::Nullable(a.policy_id)}));
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
  RETURN_IF_ERROR(CheckStaged(ids, user_id));
  for (int64_t id : ids) {
    RETURN_IF_ERROR(c_.Exec("UPDATE attachments SET case_id = ?, event_seq = ? WHERE id = ?",
                            {case_id, sql::Nullable(seq), id})
                        .status());
  }
  return Status::Ok();
}

Result<std::vector<Attachment>> SqlAttachmentRepository::ForCase(int64_t case_id) {
  return Listed(" WHERE case_id = ? ORDER BY created_at, id", case_id);
}

Status SqlAttachmentRepository::AttachToPolicy(const std::vector<int64_t>& ids, int64_t user_id, int64_t policy_id) {
  RETURN_IF_ERROR(CheckStaged(ids, user_id));
  for (int64_t id : ids) {
    RETURN_IF_ERROR(c_.Exec("UPDATE attachments SET policy_id = ? WHERE id = ?", {policy_id, id}).status());
  }
  return Status::Ok();
}

Result<std::vector<Attachment>> SqlAttachmentRepository::ForPolicy(int64_t policy_id) {
  return Listed(" WHERE policy_id = ? ORDER BY created_at, id", policy_id);
}

Result<int64_t> SqlAttachmentRepository::Delete(const std::vector<int64_t>& ids) {
  int64_t n = 0;
  for (int64_t id : ids) {
    // The contents go by ON DELETE CASCADE; SQLite enforces it with foreign_keys on (every connection).
    ASSIGN_OR_RETURN(int64_t deleted, c_.Exec("DELETE FROM attachments WHERE id = ?", {id}));
    n += deleted;
  }
  return n;
}

Result<int64_t> SqlAttachmentRepository::DeleteStaged(TimeMs before) {
  return c_.Exec("DELETE FROM attachments WHERE case_id IS NULL AND policy_id IS NULL AND created_at < ?", {before});
}

Status SqlAttachmentRepository::CheckStaged(const std::vector<int64_t>& ids, int64_t user_id) {
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT 1 FROM attachments WHERE ") + kStagedBy, {id, user_id}));
    if (rows.empty()) {
      return Status(StatusCode::kNotFound, "no staged upload " + std::to_string(id) + " of yours", "attachment_ids");
    }
  }
  return Status::Ok();
}

Result<std::vector<Attachment>> SqlAttachmentRepository::Listed(const char* where_order, int64_t owner_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + where_order, {owner_id}));
  std::vector<Attachment> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(FromRow(row));
  return out;
}

}  // namespace lz::storage::sqlrepo
