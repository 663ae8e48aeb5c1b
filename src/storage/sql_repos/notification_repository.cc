// In-app notifications in SQL: one row per recipient, newest (highest id) first.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kSelect =
    "SELECT n.id, n.user_id, n.kind, n.title, n.body, n.case_id, n.link, n.created_at, n.read_at, c.number "
    "FROM notifications n LEFT JOIN cases c ON c.id = n.case_id";

notify::Notification FromRow(const Row& row) {
  notify::Notification n;
  n.id = row.Int(0);
  n.user_id = row.Int(1);
  n.kind = row.Text(2);
  n.title = row.Text(3);
  n.body = row.Text(4);
  n.case_id = row.OptInt(5);
  n.link = row.Text(6);
  n.created_at = row.Int(7);
  n.read_at = row.OptInt(8);
  n.case_number = row.Text(9);
  return n;
}

}  // namespace

Status SqlNotificationRepository::Insert(const std::vector<notify::Notification>& notifications) {
  for (const notify::Notification& n : notifications) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO notifications (user_id, kind, title, body, case_id, link, created_at, read_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            {n.user_id, n.kind, n.title, n.body, sql::Nullable(n.case_id), n.link, n.created_at,
                             sql::Nullable(n.read_at)})
                        .status());
  }
  return Status::Ok();
}

Result<PageOf<notify::Notification>> SqlNotificationRepository::List(int64_t user_id, bool unread_only,
                                                                     const PageRequest& page) {
  // "read_at IS NULL" written out literally: it is the WHERE of the partial index notifications_unread.
  std::string where = unread_only ? " WHERE n.user_id = ? AND n.read_at IS NULL" : " WHERE n.user_id = ?";
  return QueryPage<notify::Notification>(c_, "FROM notifications n", kSelect, where, {user_id}, "n.id DESC", page,
                                         &FromRow);
}

Result<int64_t> SqlNotificationRepository::UnreadCount(int64_t user_id) {
  ASSIGN_OR_RETURN(auto n,
                   c_.QueryInt("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", {user_id}));
  return n.value_or(0);
}

Result<int64_t> SqlNotificationRepository::MarkRead(int64_t user_id, const std::vector<int64_t>& ids, TimeMs at) {
  std::string sql = "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";
  std::vector<Value> params{at, user_id};
  if (!ids.empty()) AppendIn("id", std::vector<Value>(ids.begin(), ids.end()), sql, params);
  return c_.Exec(sql, params);
}

}  // namespace lz::storage::sqlrepo
