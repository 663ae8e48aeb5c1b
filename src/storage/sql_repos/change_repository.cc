// The change feed's table in SQL.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {
constexpr const char* kPrunedThroughKey = "changes.pruned_through";
}  // namespace

Status SqlChangeRepository::Publish(const std::string& topic, const std::string& ref) {
  RETURN_IF_ERROR(c_.Exec("INSERT INTO changes (topic, ref) VALUES (?, ?)", {topic, ref}));
  if (!published_) RETURN_IF_ERROR(c_.NotifyOnCommit());
  published_ = true;
  return Status::Ok();
}

Result<std::vector<Change>> SqlChangeRepository::Since(int64_t after_seq, int limit) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT seq, topic, ref FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                                       {after_seq, int64_t{limit}}));
  std::vector<Change> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(Change{row.Int(0), row.Text(1), row.Text(2)});
  return out;
}

Result<int64_t> SqlChangeRepository::PrunedThrough() {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT value FROM settings WHERE key = ?", {kPrunedThroughKey}));
  return rows.empty() ? int64_t{0} : rows.front().Int(0);
}

Result<int64_t> SqlChangeRepository::LastSeq() {
  ASSIGN_OR_RETURN(auto last, c_.QueryInt("SELECT MAX(seq) FROM changes"));
  ASSIGN_OR_RETURN(int64_t pruned, PrunedThrough());
  return std::max(last.value_or(0), pruned);
}

Result<int64_t> SqlChangeRepository::Prune(int64_t keep) {
  ASSIGN_OR_RETURN(auto last, c_.QueryInt("SELECT MAX(seq) FROM changes"));
  if (!last) return int64_t{0};
  int64_t cutoff = *last - std::max<int64_t>(keep, 0);
  ASSIGN_OR_RETURN(int64_t pruned, PrunedThrough());
  if (cutoff <= pruned) return int64_t{0};
  ASSIGN_OR_RETURN(int64_t n, c_.Exec("DELETE FROM changes WHERE seq <= ?", {cutoff}));
  RETURN_IF_ERROR(c_.Exec("INSERT INTO settings (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          {kPrunedThroughKey, std::to_string(cutoff)}));
  return n;
}

}  // namespace lz::storage::sqlrepo
